from celery import shared_task
from django.utils import timezone

from .reminders import remind_rituals as remind_rituals_now


# Safe to rerun: each email is claimed per person, ritual and occurrence before sending.
@shared_task(acks_late=True)
def remind_rituals() -> int:
    return remind_rituals_now(timezone.now())
