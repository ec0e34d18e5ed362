from celery import shared_task
from django.utils import timezone

from .models import Pause


# Safe to rerun: each pause is claimed before its partners are told.
@shared_task(acks_late=True)
def tell_pauses_time_up() -> int:
    return Pause.objects.tell_time_up(timezone.now())
