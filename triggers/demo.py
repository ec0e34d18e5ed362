"""Demo trigger log: about three months for the demo couple, easing over time."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, User

from .models import Category, Sharing, Trigger

DAYS = 90

# (category, what happened, what I felt in my body, what helped) — short, as people write
# them on a phone in a hard moment.
HURT_MOMENTS = [
    (
        Category.SOCIAL_MEDIA,
        "A 'memories' post from that summer came up.",
        "Stomach dropped, hands shaking.",
        "Put the phone in another room and breathed.",
    ),
    (
        Category.LATE_NIGHT,
        "Alex's phone lit up after 11 and I froze.",
        "Heart racing, couldn't sleep.",
        "Alex showed me without me asking. It was work.",
    ),
    (
        Category.PLACE,
        "Drove past the hotel on the ring road.",
        "Tight chest, hot face.",
        "Pulled over and called my sister.",
    ),
    (
        Category.DATE,
        "It's the week it started last year.",
        "Heavy all day, tired.",
        "We planned something small for the evening.",
    ),
    (
        Category.MEMORY,
        "An image popped up out of nowhere while cooking.",
        "Nausea, wanted to run.",
        "Grounding: five things I could see.",
    ),
    (
        Category.CONTACT,
        "Someone at the party was very friendly with Alex.",
        "Jaw clenched, on high alert.",
        "Alex came and stood next to me and held my hand.",
    ),
    (
        Category.CONFLICT,
        "Small argument about the dishes became about everything.",
        "Shaking, crying.",
        "We used our pause and came back after twenty minutes.",
    ),
    (
        Category.OTHER,
        "A song in the supermarket.",
        "Lump in my throat.",
        "Left the trolley, sat in the car for a bit.",
    ),
]
INVOLVED_MOMENTS = [
    (
        Category.CONFLICT,
        "Sam asked a question I wasn't ready for and I got defensive.",
        "Hot, wanted to leave the room.",
        "Took the pause, then said sorry for the tone.",
    ),
    (
        Category.MEMORY,
        "Shame hit hard when I saw old photos.",
        "Heavy chest, couldn't look at Sam.",
        "Told my therapist about it the next day.",
    ),
    (
        Category.SOCIAL_MEDIA,
        "Saw a mutual friend's post and panicked it would upset Sam.",
        "Tense shoulders.",
        "Told Sam straight away instead of hiding it.",
    ),
    (
        Category.PLACE,
        "Work trip to the same city.",
        "Knot in my stomach.",
        "Called Sam from the hotel at the times we agreed.",
    ),
]
REASSURANCES_FOR_HURT = [
    "I can see this hurt, and I'm here.",
    "Thank you for telling me. I'm not going anywhere.",
    "What you're feeling makes sense. I'm sorry I caused it.",
    "I'm on my way home. Would a walk together help?",
    "You don't have to be okay right now. I'm with you.",
]
REASSURANCES_FOR_INVOLVED = [
    "Thank you for telling me instead of hiding it.",
    "I noticed you came back after the pause. That mattered.",
    "I'm still here. We're working on this together.",
]


def seed(people: dict[str, User]) -> None:
    hurt, involved = people["hurt"], people["involved"]
    membership = Membership.objects.active().select_related("couple").filter(user=hurt).first()
    if membership is None or Trigger.objects.filter(couple=membership.couple).exists():
        return
    rng = random.Random(2026)
    now = timezone.now()
    with transaction.atomic():
        for day in range(DAYS, 0, -1):
            # Triggers ease over the months: most days at first, a couple a week later on.
            if rng.random() < 0.15 + 0.45 * day / DAYS:
                _entry(
                    rng,
                    membership.couple,
                    hurt,
                    involved,
                    now,
                    day,
                    HURT_MOMENTS,
                    REASSURANCES_FOR_HURT,
                )
            if rng.random() < 0.12:
                _entry(
                    rng,
                    membership.couple,
                    involved,
                    hurt,
                    now,
                    day,
                    INVOLVED_MOMENTS,
                    REASSURANCES_FOR_INVOLVED,
                )


def _entry(rng, couple, author, partner, now, days_ago, moments, reassurances):
    category, happened, body, helped = rng.choice(moments)
    # Evenings and late nights are hardest.
    hour = rng.choice([8, 12, 17, 19, 21, 21, 22, 23, 23, 0])
    local = timezone.localtime(now - timedelta(days=days_ago), author.zone)
    occurred_at = local.replace(hour=hour, minute=rng.randint(0, 59), second=0, microsecond=0)
    intensity = max(1, min(10, round(rng.gauss(4 + 4 * days_ago / DAYS, 1.5))))
    sharing = rng.choices(
        [Sharing.SHARE_NOW, Sharing.AT_CHECKIN, Sharing.PRIVATE], weights=[5, 3, 2]
    )[0]
    older_than_a_week = days_ago > 7
    shared_at = None
    if sharing == Sharing.SHARE_NOW or (sharing == Sharing.AT_CHECKIN and older_than_a_week):
        shared_at = occurred_at + timedelta(minutes=rng.randint(2, 30))
    trigger = Trigger.objects.create(
        couple=couple,
        author=author,
        occurred_at=occurred_at,
        created_at=occurred_at + timedelta(minutes=1),
        category=category,
        intensity=intensity,
        what_happened=happened if rng.random() < 0.8 else "",
        body_response=body if rng.random() < 0.6 else "",
        what_helped=helped if rng.random() < 0.7 else "",
        sharing=sharing,
        shared_at=shared_at,
    )
    if sharing == Sharing.SHARE_NOW and days_ago > 0:
        # Reassurance comes faster as the months go by.
        wait = timedelta(minutes=rng.randint(3, 20 + int(200 * days_ago / DAYS)))
        trigger.reassure(partner, rng.choice(reassurances), min(shared_at + wait, now))
