"""One row in every place a person writes free text, each holding its own marker.

Used to prove encryption at rest (every encrypted column) and the data rights
(my export holds my markers and none of my partner's; deletion leaves no trace).
"""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Couple, Membership, SafetyCheck, User
from acknowledgement.models import STEPS as LETTER_STEPS
from acknowledgement.models import Letter, LetterComment, LetterReply
from agreements.models import Acceptance, Agreement, Review, ReviewResponse, Version
from checkins.models import Answer as CheckinAnswer
from checkins.models import CheckIn
from forgiveness.models import Message as ForgivenessMessage
from forgiveness.models import Reflection as ForgivenessReflection
from intensives.models import Intensive, Kind, Step
from pacing.models import Exercise, ExerciseSession, ReadinessReport, Reflection
from practice.models import Agenda, AgendaItem, Practice, PracticeMark
from repair.models import Origin, PlanChange, PlanOutcome, Repair, RepairSide
from rituals.models import Card, CardAnswer, Feeling, Mark, Ritual
from rituals.models import Status as RitualStatus
from therapists.models import (
    CsiResponse,
    ExerciseSuggestion,
    NoteVisibility,
    TherapistLink,
    TherapistNote,
)
from together import models as together
from transparency.models import (
    HeadsUp,
    HeadsUpKind,
    HeadsUpVersion,
    Telling,
    WeekPlan,
    WeekPlanVersion,
)
from triggers.models import Category, Reassurance, Sharing, Trigger

SECTIONS = ["digital", "whereabouts", "contact", "heated_moments", "self_care", "therapy"]


def write_everything(author: User, couple: Couple, tag: str, week: int = 0) -> dict[str, str]:
    """`author` writes in every free-text field; returns {"app.model.field": marker}.

    Markers look like "tag-checkins.answer.win_text": unique and easy to search for.
    `week` shifts the check-in week so both partners can write in the same couple.
    """
    now = timezone.now()
    markers: dict[str, str] = {}

    def mark(model, field: str) -> str:
        key = f"{model._meta.label_lower}.{field}"
        markers[key] = f"{tag}-{key}"
        return markers[key]

    role = Membership.objects.get(couple=couple, user=author).role
    checkin, _created = CheckIn.objects.get_or_create(
        couple=couple, week_start=date(2026, 1, 5) + timedelta(weeks=week)
    )
    checkin.joint_note = mark(CheckIn, "joint_note")
    checkin.next_step = mark(CheckIn, "next_step")
    checkin.shared_updated_by = author
    checkin.save()
    CheckinAnswer.objects.create(
        checkin=checkin,
        author=author,
        **{
            name: mark(CheckinAnswer, name)
            for name in ["triggers_text", "boundaries_text", "win_text", "need_text"]
        },
    )

    trigger = Trigger.objects.create(
        couple=couple,
        author=author,
        occurred_at=now,
        category=Category.MEMORY,
        intensity=6,
        sharing=Sharing.PRIVATE,
        what_happened=mark(Trigger, "what_happened"),
        body_response=mark(Trigger, "body_response"),
        what_helped=mark(Trigger, "what_helped"),
    )
    Reassurance.objects.create(trigger=trigger, author=author, text=mark(Reassurance, "text"))

    ReadinessReport.objects.create(
        couple=couple,
        author=author,
        role=role,
        closeness_safety=5,
        body_settled=5,
        note=mark(ReadinessReport, "note"),
    )
    session = ExerciseSession.objects.create(
        couple=couple, exercise=Exercise.objects.order_by("pk").first(), started_by=author
    )
    Reflection.objects.create(
        session=session, author=author, safety=7, noticed=mark(Reflection, "noticed")
    )

    agreement, _created = Agreement.objects.get_or_create(couple=couple)
    version = Version.objects.create(
        agreement=agreement,
        proposed_by=author,
        status=Version.Status.WITHDRAWN,
        reason=mark(Version, "reason"),
        **{name: mark(Version, name) for name in SECTIONS},
    )
    Acceptance.objects.create(version=version, partner=author)
    # A decline comment is written by the partner who did not propose.
    other = Membership.objects.filter(couple=couple).exclude(user=author).first()
    Version.objects.create(
        agreement=agreement,
        proposed_by=other.user if other else None,
        status=Version.Status.DECLINED,
        decline_comment=mark(Version, "decline_comment"),
        declined_by=author,
    )
    review = Review.objects.create(
        agreement=agreement, due_at=now - timedelta(days=week), completed_at=now
    )
    ReviewResponse.objects.create(
        review=review,
        partner=author,
        choice=ReviewResponse.Choice.REAFFIRM,
        note=mark(ReviewResponse, "note"),
        successes=mark(ReviewResponse, "successes"),
    )

    question = together.Question.objects.create(
        couple=couple,
        asked_by=author,
        text=mark(together.Question, "text"),
        readiness=together.Readiness.READY_NOW,
    )
    together.Answer.objects.create(
        question=question, author=author, text=mark(together.Answer, "text")
    )
    together.Pause.objects.create(
        couple=couple,
        requested_by=author,
        started_at=now - timedelta(days=2 + week),
        ends_at=now - timedelta(days=1 + week),
        ended_at=now - timedelta(days=1 + week),
        reason=mark(together.Pause, "reason"),
    )
    together.Win.objects.create(
        couple=couple,
        author=author,
        kind=together.WinKind.SMALL_WIN,
        text=mark(together.Win, "text"),
    )
    goal = together.Goal.objects.create(
        couple=couple, title=mark(together.Goal, "title"), why=mark(together.Goal, "why")
    )
    together.Step.objects.create(goal=goal, text=mark(together.Step, "text"), done_by=author)
    together.GoalChange.objects.create(
        couple=couple,
        goal=goal,
        proposed_by=author,
        title=mark(together.GoalChange, "title"),
        why=mark(together.GoalChange, "why"),
        steps=[mark(together.GoalChange, "steps")],
        decided_at=now,
        outcome=together.ChangeOutcome.WITHDRAWN,
    )
    together.JournalEntry.objects.create(author=author, text=mark(together.JournalEntry, "text"))
    together.SelfCarePlan.objects.update_or_create(
        user=author,
        defaults={
            name: mark(together.SelfCarePlan, name)
            for name in ["rest", "movement", "people_i_can_talk_to", "my_own_therapy"]
        },
    )

    repair = Repair.objects.create(
        couple=couple,
        started_by=author,
        origin=Origin.OWN,
        completed_at=now,
        plan=[mark(Repair, "plan")],
        plan_version=1,
    )
    RepairSide.objects.create(
        repair=repair,
        author=author,
        feelings=["hurt", mark(RepairSide, "feelings")],
        submitted_at=now,
        **{
            name: mark(RepairSide, name)
            for name in [
                "feelings_words",
                "what_it_was_like",
                "heard",
                "understood_note",
                "my_part",
                "next_time",
                "need",
            ]
        },
    )
    PlanChange.objects.create(
        repair=repair,
        proposed_by=author,
        steps=[mark(PlanChange, "steps")],
        decided_at=now,
        outcome=PlanOutcome.ACCEPTED,
    )

    heads_up = HeadsUp.objects.create(
        couple=couple,
        author=author,
        kind=HeadsUpKind.RUNNING_LATE,
        happened_at=now,
        line=mark(HeadsUp, "line"),
    )
    HeadsUpVersion.objects.create(
        heads_up=heads_up,
        author=author,
        kind=HeadsUpKind.RUNNING_LATE,
        happened_at=now,
        line=mark(HeadsUpVersion, "line"),
        written_at=now,
    )
    plan = WeekPlan.objects.create(
        couple=couple,
        author=author,
        week_start=date(2026, 1, 5) + timedelta(weeks=week),
        days=[mark(WeekPlan, "days")],
        shared_at=now,
    )
    WeekPlanVersion.objects.create(
        plan=plan, author=author, days=[mark(WeekPlanVersion, "days")], written_at=now
    )
    Telling.objects.create(couple=couple, author=author, text=mark(Telling, "text"))
    letter = Letter.objects.create(
        couple=couple,
        author=author,
        number=_next_letter_number(couple),
        ready_at=now,
        received_at=now,
        **{name: mark(Letter, name) for name in LETTER_STEPS},
    )
    LetterReply.objects.create(
        couple=couple, letter=letter, author=author, text=mark(LetterReply, "text")
    )

    ritual = Ritual.objects.create(
        couple=couple,
        proposed_by=author,
        title=mark(Ritual, "title"),
        rhythm="daily",
        timezone="UTC",
        starts_on=date(2026, 1, 5),
        status=RitualStatus.ACTIVE,
        accepted_at=now,
    )
    Mark.objects.create(ritual=ritual, person=author, occurrence=date(2026, 1, 6), outcome="did")
    Feeling.objects.create(
        ritual=ritual,
        author=author,
        occurrence=date(2026, 1, 6),
        felt=6,
        line=mark(Feeling, "line"),
    )
    CardAnswer.objects.create(
        couple=couple,
        card=Card.objects.order_by("pk")[week],
        author=author,
        text=mark(CardAnswer, "text"),
    )

    ForgivenessReflection.objects.create(author=author, text=mark(ForgivenessReflection, "text"))
    ForgivenessMessage.objects.create(
        couple=couple, author=author, text=mark(ForgivenessMessage, "text")
    )
    practice = Practice.objects.create(
        couple=couple, text="Ten minutes.", due_week=date(2026, 1, 5), for_whom="both"
    )
    PracticeMark.objects.create(
        practice=practice, person=author, outcome="hard", line=mark(PracticeMark, "line")
    )
    agenda = Agenda.objects.create(couple=couple, closed_at=now)
    AgendaItem.objects.create(agenda=agenda, author=author, text=mark(AgendaItem, "text"))

    SafetyCheck.objects.create(user=author, afraid=SafetyCheck.Answer.NO)
    CsiResponse.objects.create(
        couple=couple,
        partner=author,
        period=f"2026-{week + 1:02d}",
        happiness=4,
        warmth=3,
        rewarding=3,
        satisfaction=3,
        total=13,
    )
    return markers


def write_therapist_note(therapist: User, couple: Couple, tag: str) -> dict[str, str]:
    """A therapist's private note and a suggestion's note."""
    note, suggestion = "therapists.therapistnote.text", "therapists.exercisesuggestion.note"
    TherapistNote.objects.create(
        couple=couple,
        therapist=therapist,
        text=f"{tag}-{note}",
        visibility=NoteVisibility.PRIVATE,
    )
    ExerciseSuggestion.objects.create(
        couple=couple,
        therapist=therapist,
        exercise=Exercise.objects.order_by("pk").first(),
        note=f"{tag}-{suggestion}",
    )
    comment = "acknowledgement.lettercomment.text"
    letter = Letter.objects.create(
        couple=couple,
        author=couple.memberships.order_by("pk").first().user,
        number=_next_letter_number(couple),
        ready_at=timezone.now(),
    )
    LetterComment.objects.create(letter=letter, therapist=therapist, text=f"{tag}-{comment}")
    practice, agenda_note = "practice.practice.text", "practice.agenda.note"
    Practice.objects.create(
        couple=couple,
        therapist=therapist,
        text=f"{tag}-{practice}",
        due_week=date(2026, 1, 5),
        for_whom="both",
    )
    Agenda.objects.create(
        couple=couple,
        closed_at=timezone.now(),
        closed_by=therapist,
        note=f"{tag}-{agenda_note}",
    )
    title, prompt = "intensives.step.title", "intensives.step.prompt"
    intensive = Intensive.objects.create(
        couple=couple, therapist=therapist, starts_on=date(2026, 1, 5), ends_on=date(2026, 1, 6)
    )
    Step.objects.create(
        intensive=intensive,
        written_by=therapist,
        kind=Kind.GUIDE,
        title=f"{tag}-{title}",
        prompt=f"{tag}-{prompt}",
        turn_minutes=3,
        rounds=2,
        opens_at=timezone.now(),
        closes_at=timezone.now() + timedelta(hours=1),
    )
    return {
        title: f"{tag}-{title}",
        prompt: f"{tag}-{prompt}",
        note: f"{tag}-{note}",
        suggestion: f"{tag}-{suggestion}",
        comment: f"{tag}-{comment}",
        practice: f"{tag}-{practice}",
        agenda_note: f"{tag}-{agenda_note}",
    }


def _next_letter_number(couple: Couple) -> int:
    return Letter.objects.filter(couple=couple).count() + 1


def write_therapist_label(therapist: User, couple: Couple, tag: str) -> dict[str, str]:
    """The therapist's own label for the couple on their list."""
    label = "therapists.therapistlink.label"
    TherapistLink.objects.create(couple=couple, therapist=therapist, label=f"{tag}-{label}")
    return {label: f"{tag}-{label}"}
