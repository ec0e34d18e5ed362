"""The curiosity deck: draw a card, skip it, keep it, answer it.

Only cards of the tiers the gate opens are ever drawn or shown (`Card.objects.within`).
"""

import secrets

from django.db import transaction
from django.utils import timezone as tz

from accounts.models import Membership
from pacing import gate

from .models import Card, CardAnswer, Draw, Favourite

# A card drawn among the latest this many is not drawn again while others are left.
RECENT_DRAWS = 20


def on_the_table(membership: Membership, result: gate.GateResult) -> Draw | None:
    """The couple's latest draw, unless it was skipped or its tier has closed since."""
    draw = (
        Draw.objects.filter(couple_id=membership.couple_id)
        .select_related("card")
        .order_by("-drawn_at", "-pk")
        .first()
    )
    if draw is None or draw.skipped_at is not None or not result.opens(draw.card.tier):
        return None
    return draw


def draw(membership: Membership, result: gate.GateResult) -> Draw | None:
    """Draw a card of an open tier, one not drawn lately if any is left."""
    open_cards = Card.objects.within(result)
    recent = Draw.objects.filter(couple_id=membership.couple_id).order_by("-drawn_at", "-pk")
    recent_ids = list(recent.values_list("card_id", flat=True)[:RECENT_DRAWS])
    choices = list(open_cards.exclude(pk__in=recent_ids).values_list("pk", flat=True))
    if not choices:
        choices = list(open_cards.values_list("pk", flat=True))
    if not choices:
        return None
    return Draw.objects.create(
        couple_id=membership.couple_id,
        card_id=secrets.choice(choices),
        drawn_by=membership.user,
    )


@transaction.atomic
def skip(membership: Membership, result: gate.GateResult) -> Draw | None:
    current = on_the_table(membership, result)
    if current is not None:
        Draw.objects.filter(pk=current.pk, skipped_at__isnull=True).update(skipped_at=tz.now())
    return draw(membership, result)


def toggle_favourite(membership: Membership, card: Card) -> bool:
    """Keep the card, or let it go again; True when it is now kept."""
    removed, _by_model = Favourite.objects.filter(
        couple_id=membership.couple_id, card=card
    ).delete()
    if removed:
        return False
    Favourite.objects.get_or_create(
        couple_id=membership.couple_id, card=card, defaults={"kept_by": membership.user}
    )
    return True


def answer(membership: Membership, card: Card, text: str, shared: bool) -> CardAnswer:
    found, _created = CardAnswer.objects.update_or_create(
        couple_id=membership.couple_id,
        card=card,
        author=membership.user,
        defaults={"text": text, "shared": shared, "written_at": tz.now()},
    )
    return found
