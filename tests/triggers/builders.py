"""Real trigger rows for tests, made through the domain methods."""

from django.utils import timezone

from accounts.models import Membership
from triggers.models import Category, Sharing, Trigger


def log(user, now=None, **fields) -> Trigger:
    membership = Membership.objects.active().select_related("couple", "user").get(user=user)
    fields.setdefault("category", Category.SOCIAL_MEDIA)
    fields.setdefault("intensity", 6)
    fields.setdefault("sharing", Sharing.AT_CHECKIN)
    fields.setdefault("occurred_at", now or timezone.now())
    return Trigger.record(membership, now or timezone.now(), **fields)
