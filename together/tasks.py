from celery import shared_task
from django.utils import timezone

from .models import Pause


# Safe to rerun: each pause is claimed before it is closed.
@shared_task(acks_late=True)
def close_finished_pauses() -> int:
    return Pause.objects.close_finished(timezone.now())
