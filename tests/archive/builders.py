"""Two partners' shared and private writing, each field holding its own marker."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Couple, User
from agreements.models import Agreement
from checkins.models import Answer, CheckIn
from pacing.models import ReadinessReport
from together.models import Answer as QuestionAnswer
from together.models import JournalEntry, Question, Readiness
from triggers.models import Category, Reassurance, Sharing, Trigger

from ..agreements.builders import adopt, member

CHECKIN_TEXTS = ["triggers_text", "boundaries_text", "win_text", "need_text"]
TRIGGER_TEXTS = ["what_happened", "body_response", "what_helped"]
FIRST_WEEK = date(2026, 1, 5)


def _answer(checkin, author, tag, submitted=True):
    return Answer.objects.create(
        checkin=checkin,
        author=author,
        safety=5,
        trust=5,
        connection=5,
        hope=5,
        submitted_at=timezone.now() if submitted else None,
        **{name: f"{tag}-{name}" for name in CHECKIN_TEXTS},
    )


def _trigger(couple, author, tag, sharing, shared=False):
    now = timezone.now()
    return Trigger.objects.create(
        couple=couple,
        author=author,
        occurred_at=now,
        category=Category.MEMORY,
        intensity=6,
        sharing=sharing,
        shared_at=now if sharing == Sharing.SHARE_NOW or shared else None,
        **{name: f"{tag}-{name}" for name in TRIGGER_TEXTS},
    )


def write_history(hurt: User, involved: User, couple: Couple) -> None:
    """The involved partner ("LEAVER") writes shared and private things; the hurt
    partner ("STAYER") answers, reassures and asks. Markers:
    STAYER-*: the hurt partner's; LEAVER-SHARED-*: shared with the hurt partner;
    LEAVER-PRIVATE-*: never shared; AGREED-*: the agreement both accepted."""
    revealed = CheckIn.objects.create(
        couple=couple,
        week_start=FIRST_WEEK,
        revealed_at=timezone.now(),
        joint_note="AGREED-joint-note",
        next_step="AGREED-next-step",
    )
    _answer(revealed, hurt, "STAYER-week1")
    _answer(revealed, involved, "LEAVER-SHARED-week1")
    sealed = CheckIn.objects.create(couple=couple, week_start=FIRST_WEEK + timedelta(weeks=1))
    _answer(sealed, involved, "LEAVER-PRIVATE-sealed")
    drafted = CheckIn.objects.create(couple=couple, week_start=FIRST_WEEK + timedelta(weeks=2))
    _answer(drafted, involved, "LEAVER-PRIVATE-draft", submitted=False)
    _answer(drafted, hurt, "STAYER-draft", submitted=False)

    shared = _trigger(couple, involved, "LEAVER-SHARED-trigger", Sharing.SHARE_NOW)
    Reassurance.objects.create(trigger=shared, author=hurt, text="STAYER-reassurance")
    brought = _trigger(couple, involved, "LEAVER-SHARED-revealed", Sharing.AT_CHECKIN, shared=True)
    Reassurance.objects.create(trigger=brought, author=involved, text="LEAVER-SHARED-own-note")
    _trigger(couple, involved, "LEAVER-PRIVATE-trigger", Sharing.PRIVATE)
    _trigger(couple, involved, "LEAVER-PRIVATE-waiting", Sharing.AT_CHECKIN)
    _trigger(couple, hurt, "STAYER-private-trigger", Sharing.PRIVATE)

    JournalEntry.objects.create(author=involved, text="LEAVER-PRIVATE-journal")
    ReadinessReport.objects.create(
        couple=couple,
        author=involved,
        role="involved",
        closeness_safety=4,
        body_settled=4,
        note="LEAVER-PRIVATE-readiness",
    )
    agreement = Agreement.objects.for_couple(couple)
    adopt(agreement, involved, hurt, digital="AGREED-digital", therapy="AGREED-therapy")

    question = Question.ask(member(hurt), "STAYER-question", Readiness.READY_NOW)
    QuestionAnswer.objects.create(question=question, author=involved, text="LEAVER-SHARED-answer")
