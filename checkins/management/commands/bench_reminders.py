"""Seed many people and time one reminder scan: `manage.py bench_reminders --people 100000`.

Reminder hours are spread over the week. Everything that fell due before the
previous beat is marked as already sent (the steady state of a running system),
then two scans are measured: the beat that finds this hour's reminders and nudges
due, and the next beat, which finds nothing new.
"""

import time
from datetime import UTC, datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import override_settings

from accounts.models import Couple, Membership, Role, SentEmail, User
from checkins import reminders

EMAIL_DOMAIN = "reminder-bench.invalid"
# Sunday 20:02 in Paris, just after the hour when 1 in 168 people is reminded
# and another 1 in 168 nudged.
SCAN_AT = datetime(2026, 11, 15, 19, 2, tzinfo=UTC)
BEAT = timedelta(minutes=5)


class Command(BaseCommand):
    help = "Benchmark the weekly reminder scan over many people."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=100_000)

    def handle(self, *args, people, **options):
        existing = User.objects.filter(email__endswith=EMAIL_DOMAIN).count()
        if existing != people:
            self._clear()
            self._seed(people)
        SentEmail.objects.filter(user__email__endswith=EMAIL_DOMAIN).delete()
        self._mark_sent_before(SCAN_AT - BEAT)
        with override_settings(
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        ):
            self._measure("beat at the hour (sends what fell due)", SCAN_AT)
            self._measure("next beat (nothing new)", SCAN_AT + BEAT)

    def _mark_sent_before(self, moment):
        members = Membership.objects.filter(user__email__endswith=EMAIL_DOMAIN).select_related(
            "user", "couple"
        )
        rows = [
            SentEmail(
                user_id=due.membership.user_id,
                kind=due.kind,
                period=due.period,
                status=SentEmail.Status.SENT,
                sent_at=moment,
            )
            for member in members.iterator(chunk_size=5000)
            for due in reminders.due_for(member, moment)
        ]
        SentEmail.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)

    def _measure(self, label, moment):
        queries = []
        counter = lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)  # noqa: E731
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            batches = sent = 0
            for user_ids in reminders.member_id_batches():
                sent += reminders.remind_batch(user_ids, moment)
                batches += 1
            seconds = time.perf_counter() - started
        self.stdout.write(
            f"{label}: {seconds:.1f} s, {len(queries)} queries, {batches} batches, "
            f"{sent} emails sent ({seconds / batches * 1000:.0f} ms per batch)"
        )

    def _clear(self):
        couples = Membership.objects.filter(user__email__endswith=EMAIL_DOMAIN).values("couple")
        Couple.objects.filter(pk__in=couples).delete()
        User.objects.filter(email__endswith=EMAIL_DOMAIN).delete()

    @transaction.atomic
    def _seed(self, people):
        joined = SCAN_AT - timedelta(days=60)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"p{index}@{EMAIL_DOMAIN}",
                    password="!",  # unusable: these people never log in
                    timezone="Europe/Paris",
                    reminder_weekday=index % 7,
                    reminder_hour=index % 24,
                )
                for index in range(people)
            ],
            batch_size=5000,
        )
        couples = Couple.objects.bulk_create(
            [Couple(timezone="Europe/Paris", created_at=joined) for _ in range(people // 2)],
            batch_size=5000,
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    couple=couples[index // 2],
                    user=user,
                    role=Role.HURT if index % 2 == 0 else Role.INVOLVED,
                    joined_at=joined,
                )
                for index, user in enumerate(users[: len(couples) * 2])
            ],
            batch_size=5000,
        )
        self.stdout.write(f"seeded {people} people in {len(couples)} couples")
