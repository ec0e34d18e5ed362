"""Notices for events of the apps below this one, which cannot call it directly."""

from django.dispatch import receiver
from django.urls import reverse

from accounts.signals import space_closed

from .models import Kind
from .services import notify


@receiver(space_closed)
def tell_the_partner_who_stayed(sender, couple, by, **kwargs) -> None:
    if by is None:
        return  # nobody left: nobody to tell about it
    stayed = couple.memberships.exclude(user_id=by.pk).values_list("user_id", flat=True)
    notify(Kind.PARTNER_LEFT, list(stayed), reverse("home"))
