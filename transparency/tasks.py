from celery import shared_task
from django.utils import timezone

from .reminders import remind_plans as remind_plans_now


# Safe to rerun: each email is claimed per person, kind and week before it is sent.
@shared_task(acks_late=True)
def remind_plans() -> int:
    return remind_plans_now(timezone.now())
