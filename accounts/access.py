"""The one place that decides what a request may see.

Every view that shows couple data calls one of these first. Outsiders get the same
404 whether an object is missing or belongs to someone else.
"""

from functools import wraps

from django.http import Http404

from .models import Membership


def active_membership(user) -> Membership | None:
    """The caller's membership of their open couple space.

    The partner's membership comes in the same query, for partner_membership():
    nearly every couple page shows or checks both.
    """
    if not user.is_authenticated:
        return None
    mine = Membership.objects.active().filter(user=user).values("couple")
    both = (
        Membership.objects.active()
        .select_related("couple", "user")
        .filter(couple__in=mine, couple__ended_at__isnull=True)
        .order_by("pk")
    )
    membership = partner = None
    for candidate in both:  # at most two: one active couple per person, one per role
        if candidate.user_id == user.pk:
            membership = candidate
        else:
            partner = candidate
    if membership is not None:
        if partner is not None:
            partner.couple = membership.couple
        membership._partner_membership = partner
    return membership


def partner_membership(membership: Membership) -> Membership | None:
    """The partner's active membership, looked up once per membership object (one
    request): several parts of a page (the couple home, the together tools) ask."""
    if not hasattr(membership, "_partner_membership"):
        membership._partner_membership = (
            membership.couple.memberships.active()
            .select_related("user")
            .exclude(pk=membership.pk)
            .first()
        )
    return membership._partner_membership


def couple_people(membership: Membership) -> dict:
    """Both partners' accounts by id, as active_membership already loaded them: who
    wrote something in the couple's space is one of them, unless they have left."""
    partner = partner_membership(membership)
    return {member.user_id: member.user for member in (membership, partner) if member}


def member_required(view):
    """Give the view the caller's active membership, or answer 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        membership = active_membership(request.user)
        if membership is None:
            raise Http404
        request.membership = membership
        return view(request, membership, *args, **kwargs)

    return wrapper


def hurt_partner_required(view):
    """Pages that belong to the hurt partner alone: anyone else (the involved partner,
    a therapist, an outsider) gets the same 404 as for a page that does not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        membership = active_membership(request.user)
        if membership is None or not membership.is_hurt:
            raise Http404
        request.membership = membership
        return view(request, membership, *args, **kwargs)

    return wrapper


# The largest id a database key holds: anything above it cannot exist.
LARGEST_ID = 2**63 - 1


def archived_memberships(user):
    """The caller's memberships of spaces that have closed, the latest first: each
    opens a read-only archive (`archive_membership_or_404`)."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.ended()
        .filter(user=user)
        .select_related("couple")
        .order_by("-couple__ended_at", "-pk")
    )


def archive_membership_or_404(user, couple_id: int) -> Membership:
    """The caller's membership of a closed space, for reading its archive.

    The archive pages only read: they pass this membership to the same `visible_to`
    rules as the live pages, so each person sees what they wrote and what was shared
    with them before the end. Every page that writes asks for an active membership
    (`member_required`), which a closed space no longer has. An open space, or
    someone else's, is a 404.
    """
    if not 0 < couple_id <= LARGEST_ID:
        raise Http404
    membership = archived_memberships(user).filter(couple_id=couple_id).first()
    if membership is None:
        raise Http404
    return membership


def archive_member_required(view):
    """Give the view the caller's read-only membership of the closed space named by
    the URL's `couple_id`, or answer 404."""

    @wraps(view)
    def wrapper(request, couple_id, *args, **kwargs):
        membership = archive_membership_or_404(request.user, couple_id)
        return view(request, membership, *args, **kwargs)

    return wrapper


def couple_object_or_404(queryset, membership: Membership, **lookup):
    """Fetch one object of the caller's couple; anything else is a 404."""
    try:
        return queryset.filter(couple=membership.couple).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def therapist_required(view):
    """Therapist-only pages: anyone else gets 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_therapist):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
