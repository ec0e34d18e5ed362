"""Demo agreement for Sam (hurt partner) and Alex (involved partner): three versions
and two completed monthly reviews, over about three months; one part is due for a look."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, User

from .content import starter_sections
from .models import Acceptance, Agreement, Review, ReviewResponse, Version, couple_today

SECOND_VERSION = {
    "digital": (
        "While we rebuild trust, our phones and accounts stay open to each other.\n"
        "- Either of us can ask to see the other's phone or messages, and the answer is yes.\n"
        "- No deleting messages or history, no hidden apps or second accounts.\n"
        "- Phones go in the kitchen drawer from 9 pm on weeknights, for both of us, so our "
        "evenings are ours.\n"
        "- If someone from the past gets in touch online, we mention it the same day."
    ),
}

THIRD_VERSION = {
    "whereabouts": (
        "Knowing roughly where the other is helps us both settle.\n"
        "- On Sunday evening we share our plans for the week over tea.\n"
        "- If plans change, a short message before we're late, not after.\n"
        "- Alex's work trips: the hotel name and a call at bedtime.\n"
        "- Location sharing stays on for Alex until our June review, then we decide together "
        "whether it's still needed."
    ),
    "heated_moments": (
        "Hard conversations are part of healing. We want them to help, not hurt.\n"
        '- Either of us can say "I need a pause." The other respects it, even mid-sentence.\n'
        "- A pause lasts at least 20 minutes. Whoever asked for it names the time we come "
        "back, and keeps to it.\n"
        "- During a pause Sam usually walks round the park; Alex makes tea and writes down "
        "what Sam said, not a reply.\n"
        "- When we come back, each of us first says one thing we heard the other say.\n"
        "- No hard talks after 10 pm. If it can't wait, we set a time for the next morning."
    ),
}


def _third_version_reviews(couple) -> dict:
    """Location sharing is due for a look now (hoping to ease it); digital
    transparency is kept as it is until next month."""
    today = couple_today(couple, timezone.now())
    return {
        "whereabouts": {"on": (today - timedelta(days=1)).isoformat(), "intention": "ease"},
        "digital": {"on": (today + timedelta(days=30)).isoformat(), "intention": "keep"},
    }


def _version(agreement, base, number, texts, reason, proposer, acceptor, days_ago, reviews=None):
    proposed = timezone.now() - timedelta(days=days_ago)
    accepted = proposed + timedelta(hours=20)
    version = Version.objects.create(
        agreement=agreement,
        number=number,
        based_on=base,
        reason=reason,
        proposed_by=proposer,
        proposed_at=proposed,
        status=Version.Status.ACCEPTED,
        took_effect_at=accepted,
        closed_at=accepted,
        clause_reviews=reviews or {},
        **texts,
    )
    Acceptance.objects.create(version=version, partner=proposer, accepted_at=proposed)
    Acceptance.objects.create(version=version, partner=acceptor, accepted_at=accepted)
    return version


def _review(agreement, settled, answers, outcome):
    due = settled + timedelta(days=30)
    completed = due + timedelta(days=2)
    review = Review.objects.create(
        agreement=agreement, opened_at=due, due_at=due, completed_at=completed, outcome=outcome
    )
    for partner, choice, note, successes in answers:
        ReviewResponse.objects.create(
            review=review,
            partner=partner,
            choice=choice,
            note=note,
            successes=successes,
            answered_at=completed - timedelta(hours=6),
        )


@transaction.atomic
def seed(people: dict[str, User]) -> None:
    sam, alex = people["hurt"], people["involved"]
    couple = Membership.objects.active().get(user=sam).couple
    agreement = Agreement.objects.for_couple(couple)
    if agreement.versions.exists():
        return
    first_texts = starter_sections()
    first = _version(
        agreement, None, 1, first_texts,
        "Our first agreement, from the draft, with small changes we talked through.",
        alex, sam, days_ago=95,
    )  # fmt: skip
    _review(
        agreement,
        first.took_effect_at,
        [
            (sam, "reaffirm", "", "Alex told me about the message from an old colleague "
             "before I could wonder. That meant a lot."),
            (alex, "reaffirm", "", "We used the pause twice and both times we came back "
             "and actually talked."),
        ],
        Review.Outcome.REAFFIRMED,
    )  # fmt: skip
    second = _version(
        agreement, first, 2, first_texts | SECOND_VERSION,
        "Evenings feel calmer when neither of us is on our phone. Let's try it for a month.",
        sam, alex, days_ago=50,
    )  # fmt: skip
    _review(
        agreement,
        second.took_effect_at,
        [
            (sam, "needs_change", "The pause works, but I need to know when we'll come back "
             "to it.", "Phone-free evenings. We cooked together three times this month."),
            (alex, "reaffirm", "", "Sam laughed at dinner on Thursday. I noticed."),
        ],
        Review.Outcome.REVISION_STARTED,
    )  # fmt: skip
    agreement.current_version = _version(
        agreement, second, 3, second.texts() | THIRD_VERSION,
        "After our review: a set time to come back after a pause, and a date to look at "
        "location sharing again.",
        alex, sam, days_ago=15, reviews=_third_version_reviews(couple),
    )  # fmt: skip
    agreement.save(update_fields=["current_version"])
