from celery import shared_task
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import reminders


@shared_task
def scan_checkin_reminders() -> int:
    """Fan out one task per batch of people; returns the number of batches."""
    now = timezone.now().isoformat()
    batches = 0
    for user_ids in reminders.member_id_batches():
        remind_checkin_batch.delay(user_ids, now)
        batches += 1
    return batches


# Safe to rerun (every email is claimed before sending), so acknowledge late.
@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def remind_checkin_batch(user_ids: list[int], now: str) -> int:
    return reminders.remind_batch(user_ids, parse_datetime(now))
