"""Which couple a therapist may see: the therapist side of the access rules (the
rest is accounts/access.py)."""

from django.http import Http404

from accounts.models import Couple

from .models import TherapistLink


def therapist_couple_or_404(user, couple_id) -> Couple:
    """The couple, only while `user` is a therapist with an open link to it and both
    current partners hold an active consent. Checked on every request, never cached,
    so a withdrawn consent ends access on the very next request."""
    if not (user.is_authenticated and user.is_therapist):
        raise Http404
    link = (
        TherapistLink.objects.with_access()
        .select_related("couple")
        .filter(therapist=user, couple_id=couple_id)
        .first()
    )
    if link is None:
        raise Http404
    return link.couple
