"""Demo letter: Alex wrote it, asked Dr. Lee to read the draft first, then marked it
ready and shared it with the therapist; Sam chose to receive it at their next session,
so it waits, unopened."""

from datetime import timedelta

from django.utils import timezone as tz

from accounts.models import Membership, User
from notices.models import Kind
from notices.services import notify

from .models import Letter, LetterComment, Receive

WORDS = {
    "what_i_did": "For eight months I had an affair with someone from work. I lied to you "
    "about where I was, I hid my phone, and when you asked me straight out, I said you "
    "were imagining things.",
    "impact": "You stopped trusting your own sense of what was real. You lost sleep, you "
    "lost the ease you had with our friends from that office, and you have had to carry "
    "all of this while still looking after the kids.",
    "what_i_own": "The affair and every lie were my choices. Telling you that you were "
    "imagining things was cruel, and that is mine too.",
    "changing": "My phone and accounts are open to you. I see my own therapist every "
    "Thursday. When I notice I want to defend myself, I stop and listen instead.",
    "not_asking": "I am not asking you to forgive me, to feel closer, or to answer this. "
    "It is yours to do with as you wish.",
}
COMMENT = (
    "This is clear and owns a great deal. In the second part, stay with what you have seen "
    "it do to Sam; the last sentence can stand on its own."
)


def seed(people: dict[str, User]) -> None:
    hurt, involved = people["hurt"], people["involved"]
    couple = Membership.objects.active().get(user=involved).couple
    if Letter.objects.filter(couple=couple).exists():
        return  # Already seeded: safe to run twice.
    now = tz.now()
    ready = now - timedelta(days=3)
    letter = Letter.objects.create(
        couple=couple,
        author=involved,
        number=1,
        created_at=now - timedelta(days=12),
        updated_at=ready,
        review_asked_at=now - timedelta(days=6),
        reviewer=people["therapist"],
        ready_at=ready,
        shared_with_therapist_at=ready,
        choice=Receive.SESSION,
        choice_at=ready + timedelta(hours=5),
        **WORDS,
    )
    LetterComment.objects.create(
        letter=letter,
        therapist=people["therapist"],
        text=COMMENT,
        created_at=now - timedelta(days=5),
    )
    notify(Kind.LETTER_READY, [hurt.pk], letter.path)
