from celery import shared_task
from django.utils import timezone

from .models import open_due_reviews
from .reminders import remind_open_reviews


# Safe to rerun: opening is idempotent and every email is claimed before sending.
@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def open_reviews_and_remind() -> int:
    now = timezone.now()
    open_due_reviews(now)
    return remind_open_reviews(now)
