from celery import shared_task
from django.utils import timezone

from .models import Repair


# Safe to rerun: each repair is claimed before its partner is told, and only once ever.
@shared_task(acks_late=True)
def remind_unanswered_repairs() -> int:
    return Repair.objects.remind_unanswered(timezone.now())
