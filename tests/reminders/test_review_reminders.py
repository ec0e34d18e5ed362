"""The monthly agreement review: opened when due, partners reminded once, and once
more after five days if they have not answered."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from agreements.models import Agreement, Review
from agreements.tasks import open_reviews_and_remind

from ..agreements.builders import adopt, member


def run_job_at(moment) -> list[str]:
    before = len(mail.outbox)
    with time_machine.travel(moment, tick=False):
        open_reviews_and_remind.delay()
    return sorted(message.to[0] for message in mail.outbox[before:])


def test_review_opens_after_thirty_days_and_each_partner_is_reminded_once(hurt, involved, couple):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        adopt(Agreement.objects.for_couple(couple), hurt, involved)

    assert run_job_at(start + timedelta(days=29)) == []
    assert run_job_at(start + timedelta(days=30, minutes=5)) == sorted([hurt.email, involved.email])
    assert run_job_at(start + timedelta(days=30, minutes=20)) == []
    assert Review.objects.filter(completed_at__isnull=True).count() == 1
    body = mail.outbox[-1].body
    assert "monthly" in body and "infidel" not in body.lower()


def test_a_second_reminder_after_five_days_only_for_who_has_not_answered(hurt, involved, couple):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        adopt(Agreement.objects.for_couple(couple), hurt, involved)
    opened = start + timedelta(days=30, minutes=5)
    run_job_at(opened)
    with time_machine.travel(opened + timedelta(days=1), tick=False):
        Review.objects.get().answer(member(hurt), choice="reaffirm")

    assert run_job_at(opened + timedelta(days=4, hours=23)) == []
    assert run_job_at(opened + timedelta(days=5, minutes=1)) == [involved.email]
    assert run_job_at(opened + timedelta(days=6)) == []


def test_people_who_turned_review_reminders_off_get_none(hurt, involved, couple):
    from accounts.models import EmailOptOut

    EmailOptOut.objects.create(user=involved, kind="review_reminder")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        adopt(Agreement.objects.for_couple(couple), hurt, involved)

    assert run_job_at(start + timedelta(days=31)) == [hurt.email]
