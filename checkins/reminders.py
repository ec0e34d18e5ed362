"""When weekly check-in reminders and nudges are due, for many people at once.

Beat runs `scan` every few minutes; it fans out one task per batch of people.
Each batch costs a fixed handful of queries (plus one claim per email sent), and
a missed beat catches up: anything due in the last CATCH_UP is still sent, once,
because every email is claimed per person, kind and week.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from accounts.models import EmailKind, EmailOptOut, Membership, SentEmail
from accounts.notifications import send_once

from . import weeks
from .models import Answer

BATCH_SIZE = 1000
CATCH_UP = timedelta(days=2)
NUDGE_AFTER = timedelta(days=2)


def latest_reminder_time(now: datetime, zone: ZoneInfo, weekday: int, hour: int) -> datetime:
    """The most recent local `weekday` at `hour`:00 that is not after `now`."""
    local_today = now.astimezone(zone).date()
    day = local_today - timedelta(days=(local_today.weekday() - weekday) % 7)
    moment = datetime.combine(day, time(hour), tzinfo=zone)
    if moment > now:
        moment = datetime.combine(day - weeks.WEEK, time(hour), tzinfo=zone)
    return moment


@dataclass(frozen=True)
class Due:
    membership: Membership
    kind: EmailKind
    week_start: date

    @property
    def period(self) -> str:
        return f"couple{self.membership.couple_id}:{self.week_start.isoformat()}"


def due_for(membership: Membership, now: datetime) -> list[Due]:
    """The reminder and nudge due now for one person, before checking who submitted."""
    user, couple = membership.user, membership.couple
    found = []
    reminder_at = latest_reminder_time(now, user.zone, user.reminder_weekday, user.reminder_hour)
    nudge_base = latest_reminder_time(
        now - NUDGE_AFTER, user.zone, user.reminder_weekday, user.reminder_hour
    )
    for kind, base, fires_at in (
        (EmailKind.CHECKIN_REMINDER, reminder_at, reminder_at),
        (EmailKind.CHECKIN_NUDGE, nudge_base, nudge_base + NUDGE_AFTER),
    ):
        week_start = weeks.week_start_for(base, couple.zone)
        if (
            now - fires_at < CATCH_UP
            and base >= membership.joined_at
            and now < weeks.week_closes_at(week_start, couple.zone)
        ):
            found.append(Due(membership, kind, week_start))
    return found


def remind_batch(user_ids: list[int], now: datetime) -> int:
    """Send what is due to these people; returns how many emails went out."""
    members = list(
        Membership.objects.active()
        .filter(user_id__in=user_ids, user__is_active=True, couple__ended_at__isnull=True)
        .select_related("user", "couple")
    )
    candidates = [due for member in members for due in due_for(member, now)]
    if not candidates:
        return 0
    submitted = set(
        Answer.objects.submitted()
        .filter(
            author_id__in={d.membership.user_id for d in candidates},
            checkin__week_start__in={d.week_start for d in candidates},
        )
        .values_list("author_id", "checkin__couple_id", "checkin__week_start")
    )
    done = set(
        SentEmail.objects.filter(
            user_id__in={d.membership.user_id for d in candidates},
            period__in={d.period for d in candidates},
        )
        .settled()
        .values_list("user_id", "kind", "period")
    )
    opted_out = set(EmailOptOut.objects.filter(user_id__in=user_ids).values_list("user_id", "kind"))
    sent = 0
    for due in candidates:
        user_id = due.membership.user_id
        if (
            (user_id, due.membership.couple_id, due.week_start) in submitted
            or (user_id, due.kind.value, due.period) in done
            or (user_id, due.kind.value) in opted_out
        ):
            continue
        template = "checkin_reminder" if due.kind == EmailKind.CHECKIN_REMINDER else "checkin_nudge"
        sent += send_once(due.membership.user, due.kind, due.period, template)
    return sent


def member_id_batches(batch_size: int = BATCH_SIZE):
    """Ids of everyone in an active couple space, in batches (keyset pagination)."""
    last_id = 0
    while True:
        batch = list(
            Membership.objects.active()
            .filter(user_id__gt=last_id, couple__ended_at__isnull=True)
            .order_by("user_id")
            .values_list("user_id", flat=True)[:batch_size]
        )
        if not batch:
            return
        yield batch
        last_id = batch[-1]
