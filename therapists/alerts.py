"""Telling a therapist when a flag appears on one of their couples.

The dashboard works its flags out when it is read (some depend on the time alone: no
check-in for two weeks, a review overdue), so a periodic job reads each therapist's
list the same way and compares it with the flags the therapist was last told about
(`TherapistLink.take_new_flags`). A flag alerts once when it appears, and again only
after it has gone away and come back. The notice names nothing but the kind of thing;
its email is the therapist's content-free "something new" email.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone as tz

from accounts.models import User
from notices.models import Kind
from notices.services import notify

from .dashboard import couples_of
from .models import TherapistLink


def alert_new_flags(now=None) -> int:
    """Every therapist's new flags, one notice per couple with a new one. Returns how
    many notices were made. Safe to run twice at once: each link is claimed."""
    now = now or tz.now()
    links = TherapistLink.objects.with_access()
    therapists = User.objects.filter(pk__in=links.values("therapist_id"))
    alerted = 0
    for therapist in therapists:
        mine = {link.couple_id: link for link in links.filter(therapist=therapist)}
        for summary in couples_of(therapist, now):
            link = mine.get(summary.couple_id)
            if link is None:
                continue
            with transaction.atomic():
                if link.take_new_flags(summary.flags):
                    path = reverse("therapists:couple_detail", args=[summary.couple_id])
                    notify(Kind.FLAG_RAISED, [therapist.pk], path)
                    alerted += 1
    return alerted
