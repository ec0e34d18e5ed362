"""Demo: Dr. Morgan Lee follows Sam and Alex, with both partners' consent, and eight
more couples of their practice with varied histories, some needing attention."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts import versions
from accounts.models import Couple, Membership, Role, SafetyCheck, User
from agreements.content import starter_sections
from agreements.models import Acceptance, Agreement, Version
from checkins import weeks
from checkins.models import Answer, CheckIn
from pacing.models import Exercise, ReadinessReport
from triggers.models import Category, Sharing, Trigger

from . import csi
from .models import (
    AuditAction,
    AuditEntry,
    Consent,
    CsiResponse,
    ExerciseSuggestion,
    NoteVisibility,
    TherapistLink,
    TherapistNote,
    TherapistProfile,
    set_pacing_ceiling,
)

NOTE_FOR_COUPLE = (
    "Thank you both for Tuesday. Until we meet again, try the ten-minute evening check-in "
    "three times, even if it feels awkward at first. Sam, when a memory washes over you, "
    "naming it out loud is enough. Alex, your only job in that moment is to listen and stay "
    "close. Small and steady is the whole plan."
)
PRIVATE_NOTE = (
    "Sam's safety ratings have been steadier since the agreement revision. Alex still moves "
    "to explaining when Sam is activated; keep practising reflective listening in session. "
    "Leave the pace of physical closeness to Sam."
)
SUGGESTION_NOTE = (
    "Once before we meet again, at a calm moment: one small thing each of you noticed "
    "and valued. Keep it short and specific."
)
LICENCE = {
    "licence_type": "UKCP registered psychotherapist",
    "licence": "UKCP 0123456",
    "jurisdiction": "United Kingdom",
}
LABEL = "Tuesdays 6pm, referred by their GP"
# Four months of CSI-4 answers, oldest first: (happiness, warmth, rewarding, satisfaction).
CSI_ANSWERS = {
    Role.HURT: [(1, 2, 2, 2), (2, 2, 2, 3), (3, 3, 2, 3), (3, 3, 3, 4)],
    Role.INVOLVED: [(3, 3, 3, 3), (3, 3, 3, 3), (3, 4, 3, 4), (4, 4, 4, 4)],
}


def seed(people: dict[str, User]) -> None:
    therapist = people["therapist"]
    profile = TherapistProfile.objects.filter(user=therapist).first()
    if profile is None:
        profile = TherapistProfile.set_up(therapist, "Harbour Couples Therapy", **LICENCE)
    if not profile.is_verified:  # as staff would, after checking the register
        profile.verify(None)
    hurt = Membership.objects.active().select_related("couple").get(user=people["hurt"])
    couple = hurt.couple
    link = TherapistLink.objects.open().filter(couple=couple).first()
    if link is None:
        link = TherapistLink.invite(hurt, therapist=therapist)
    if not link.label:
        link.set_label(LABEL)
    now = timezone.now()
    members = list(couple.memberships.active().select_related("user"))
    for days_ago, membership in zip((42, 41), members, strict=False):
        if not link.consents.active().filter(partner=membership.user).exists():
            Consent.objects.create(
                link=link, partner=membership.user, given_at=now - timedelta(days=days_ago)
            )
    if not TherapistNote.objects.filter(couple=couple).exists():
        TherapistNote.objects.create(
            couple=couple,
            therapist=therapist,
            text=NOTE_FOR_COUPLE,
            visibility=NoteVisibility.COUPLE,
            created_at=now - timedelta(days=5),
        )
        TherapistNote.objects.create(
            couple=couple,
            therapist=therapist,
            text=PRIVATE_NOTE,
            visibility=NoteVisibility.PRIVATE,
            created_at=now - timedelta(days=5),
        )
    _seed_csi(couple, members, now)
    if not AuditEntry.objects.filter(couple=couple).exists():
        AuditEntry.objects.bulk_create(
            AuditEntry(
                therapist=therapist,
                therapist_name=str(therapist),
                couple=couple,
                action=AuditAction.VIEW_COUPLE,
                path=f"/therapists/couples/{couple.pk}/",
                created_at=now - timedelta(days=days_ago, hours=3),
            )
            for days_ago in (19, 12, 5)
        )
    _seed_suggestion(couple, therapist, now)
    _seed_practice(therapist, now)


def _seed_suggestion(couple, therapist, now) -> None:
    exercise = Exercise.objects.filter(slug="appreciating-small-wins").first()
    if exercise is None or ExerciseSuggestion.objects.filter(couple=couple).exists():
        return
    ExerciseSuggestion.objects.create(
        couple=couple,
        therapist=therapist,
        exercise=exercise,
        note=SUGGESTION_NOTE,
        created_at=now - timedelta(days=5),
    )


def _seed_csi(couple, members, now) -> None:
    today = now.astimezone(couple.zone).date()
    months = [today.replace(day=1)]
    for _ in range(3):
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    for membership in members:
        for month, answers in zip(months, CSI_ANSWERS[membership.role], strict=True):
            values = dict(zip(csi.FIELDS, answers, strict=True))
            answered_at = datetime(month.year, month.month, 2, 20, tzinfo=couple.zone)
            CsiResponse.objects.get_or_create(
                couple=couple,
                partner=membership.user,
                period=csi.period_of(month),
                defaults={
                    **values,
                    "total": csi.score(values),
                    "answered_at": min(answered_at, now),
                },
            )


# --- More couples, so the list of couples looks like a real practice -------------------


@dataclass(frozen=True)
class Story:
    """One generated couple: enough history to fill every column of the list."""

    hurt: str
    involved: str
    zone: str
    weeks: int  # weeks of history
    quiet_weeks: int  # recent weeks without a check-in
    ratings: tuple[int, int]  # the hurt partner's safety, first week -> latest
    intensity: tuple[int, int]  # shared triggers, four weeks before -> last fortnight
    agreed_days_ago: int  # the current agreement version took effect
    readiness: tuple[int, ...]  # the hurt partner's weekly readiness, oldest first
    proposal: bool = False
    ceiling: int | None = None
    safety_concern: bool = False
    label: str = ""  # the therapist's own name for the couple on their list


STORIES = [
    Story(
        "Jordan",
        "Casey",
        "Europe/London",
        30,
        0,
        (3, 7),
        (5, 3),
        12,
        (5, 6, 6, 7, 7, 7),
        label="Thursday mornings, online",
    ),
    Story("Priya", "Dev", "Europe/London", 20, 3, (4, 5), (4, 4), 20, (4, 5, 5, 5, 5, 5)),
    Story("Lena", "Marco", "Europe/Berlin", 26, 0, (5, 4), (3, 7), 25, (6, 6, 6, 5, 4, 4)),
    Story("Noor", "Sami", "Asia/Dubai", 40, 0, (4, 6), (4, 4), 48, (5, 5, 6, 6, 6, 6)),
    Story(
        "Elif",
        "Tom",
        "Europe/Istanbul",
        34,
        0,
        (5, 4),
        (4, 5),
        15,
        (6, 6, 6, 6, 6, 2),
        ceiling=2,
    ),
    Story("Hana", "Kenji", "Asia/Tokyo", 6, 0, (2, 4), (6, 5), 0, (2, 3, 3, 4)),
    Story(
        "Rosa",
        "Luis",
        "America/Mexico_City",
        22,
        2,
        (5, 3),
        (4, 6),
        33,
        (5, 5, 4, 4, 3, 3),
        proposal=True,
    ),
    Story(
        "Ava",
        "Ben",
        "America/New_York",
        16,
        0,
        (3, 3),
        (5, 5),
        10,
        (3, 3, 3, 3),
        safety_concern=True,
        label="Intensive in January",
    ),
]
WIGGLE = (0, 1, 0, -1)
TRIGGER_CATEGORIES = [
    Category.MEMORY,
    Category.SOCIAL_MEDIA,
    Category.LATE_NIGHT,
    Category.PLACE,
    Category.CONFLICT,
]


def _seed_practice(therapist: User, now) -> None:
    """Eight more couples with consent and varied histories (some needing attention).
    Skips couples that already exist, so running it again adds nothing."""
    for number, story in enumerate(STORIES, start=1):
        email = f"practice{number}-hurt@demo.test"
        if User.objects.filter(email=email).exists():
            continue
        hurt = _demo_person(email, story.hurt, story.zone, therapist)
        involved = _demo_person(
            f"practice{number}-involved@demo.test", story.involved, story.zone, therapist
        )
        started = now - timedelta(weeks=story.weeks, days=2)
        couple = Couple.objects.create(timezone=story.zone, created_at=started)
        Membership.objects.bulk_create(
            [
                Membership(couple=couple, user=hurt, role=Role.HURT, joined_at=started),
                Membership(couple=couple, user=involved, role=Role.INVOLVED, joined_at=started),
            ]
        )
        link = TherapistLink.objects.create(
            couple=couple,
            therapist=therapist,
            invited_by=hurt,
            invited_at=started,
            label=story.label,
        )
        Consent.objects.bulk_create(
            Consent(link=link, partner=partner, given_at=started + timedelta(days=day))
            for day, partner in ((1, hurt), (2, involved))
        )
        _practice_checkins(couple, hurt, involved, story, now)
        _practice_triggers(couple, hurt, involved, story, now)
        _practice_readiness(couple, hurt, involved, story, now)
        _practice_agreement(couple, hurt, involved, story, now)
        _practice_csi(couple, hurt, involved, story, now)
        if story.ceiling is not None:
            set_pacing_ceiling(couple, story.ceiling)
        if story.safety_concern:
            SafetyCheck.objects.create(
                user=hurt,
                afraid=SafetyCheck.Answer.SOMETIMES,
                share_with_therapist=True,
                answered_at=now - timedelta(days=4),
            )
        versions.bump(couple.pk)  # the rows above were written in bulk, past the signals


def _demo_person(email: str, name: str, zone: str, therapist: User) -> User:
    # The therapist's password hash is reused: same demo password, no slow hashing.
    user = User.objects.create(
        email=email, display_name=name, timezone=zone, password=therapist.password
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _between(start: float, end: float, step: int, steps: int) -> int:
    value = start + (end - start) * step / max(steps - 1, 1) + WIGGLE[step % len(WIGGLE)]
    return max(0, min(10, round(value)))


def _practice_checkins(couple, hurt, involved, story: Story, now) -> None:
    this_week = weeks.week_start_for(now, couple.zone)
    kept = story.weeks - story.quiet_weeks
    checkins, answers = [], []
    for step in range(kept):
        if step % 9 == 4:
            continue  # a missed week now and then, as in life
        week_start = this_week - weeks.WEEK * (story.weeks - step)
        revealed = weeks.week_starts_at(week_start, couple.zone) + timedelta(days=6, hours=20)
        checkin = CheckIn(couple=couple, week_start=week_start, revealed_at=revealed)
        checkins.append(checkin)
        safety = _between(*story.ratings, step, kept)
        for author, lift in ((hurt, 0), (involved, 2)):
            answers.append(
                Answer(
                    checkin=checkin,
                    author=author,
                    safety=min(10, safety + lift),
                    trust=max(0, safety - 1 + lift),
                    connection=min(10, safety + 1),
                    hope=min(10, safety + 2),
                    submitted_at=revealed,
                )
            )
    CheckIn.objects.bulk_create(checkins)
    Answer.objects.bulk_create(answers)


def _practice_triggers(couple, hurt, involved, story: Story, now) -> None:
    before, recent = story.intensity
    rows = []
    for days_ago in range(1, min(story.weeks * 7, 120), 4):
        intensity = recent if days_ago <= 14 else before
        occurred = now - timedelta(days=days_ago, hours=days_ago % 9)
        rows.append(
            Trigger(
                couple=couple,
                author=hurt if days_ago % 3 else involved,
                occurred_at=occurred,
                category=TRIGGER_CATEGORIES[days_ago % len(TRIGGER_CATEGORIES)],
                intensity=max(0, min(10, intensity + WIGGLE[days_ago % len(WIGGLE)])),
                sharing=Sharing.SHARE_NOW,
                shared_at=occurred,
                first_reassured_at=occurred + timedelta(minutes=20 + days_ago),
                created_at=occurred,
            )
        )
    Trigger.objects.bulk_create(rows)


def _practice_readiness(couple, hurt, involved, story: Story, now) -> None:
    today = now.astimezone(couple.zone).date()
    count = len(story.readiness)
    rows = []
    for index, value in enumerate(story.readiness):
        day = today - timedelta(days=7 * (count - 1 - index) + 2)
        when = datetime.combine(day, time(12), tzinfo=couple.zone)
        rows.append(
            ReadinessReport(
                couple=couple,
                author=hurt,
                role=Role.HURT,
                created_at=when,
                closeness_safety=value,
                body_settled=min(10, value + 1),
            )
        )
        rows.append(
            ReadinessReport(
                couple=couple,
                author=involved,
                role=Role.INVOLVED,
                created_at=when + timedelta(hours=3),
                closeness_safety=min(10, value + 2),
                body_settled=min(10, value + 2),
            )
        )
    ReadinessReport.objects.bulk_create(rows)


def _practice_agreement(couple, hurt, involved, story: Story, now) -> None:
    if not story.agreed_days_ago:
        return  # still writing their first agreement
    agreement = Agreement.objects.create(
        couple=couple, created_at=now - timedelta(days=story.agreed_days_ago + 3)
    )
    took_effect = now - timedelta(days=story.agreed_days_ago)
    version = Version.objects.create(
        agreement=agreement,
        number=1,
        proposed_by=hurt,
        proposed_at=took_effect - timedelta(days=2),
        status=Version.Status.ACCEPTED,
        took_effect_at=took_effect,
        closed_at=took_effect,
        reason="Our first agreement, written together after our second session.",
        **starter_sections(),
    )
    Acceptance.objects.bulk_create(
        [
            Acceptance(version=version, partner=hurt, accepted_at=version.proposed_at),
            Acceptance(version=version, partner=involved, accepted_at=took_effect),
        ]
    )
    agreement.current_version = version
    agreement.save(update_fields=["current_version"])
    if story.proposal:
        texts = starter_sections()
        texts["whereabouts"] += " We share plans for the weekend by Thursday evening."
        proposal = Version.objects.create(
            agreement=agreement,
            based_on=version,
            proposed_by=involved,
            proposed_at=now - timedelta(days=3),
            reason="Thursday plans have helped; we'd like to write it down.",
            **texts,
        )
        Acceptance.objects.create(
            version=proposal, partner=involved, accepted_at=proposal.proposed_at
        )


def _practice_csi(couple, hurt, involved, story: Story, now) -> None:
    first = now.astimezone(couple.zone).date().replace(day=1)
    months = [first]
    for _ in range(min(story.weeks // 4, 6) - 1):
        months.insert(0, (months[0] - timedelta(days=1)).replace(day=1))
    rows = []
    for index, month in enumerate(months):
        for partner, lift in ((hurt, 0), (involved, 2)):
            value = _between(story.ratings[0], story.ratings[1], index, len(months)) // 2
            answers = dict(
                zip(csi.FIELDS, (value + lift // 2, value, value, value + lift // 2), strict=True)
            )
            answers = {key: min(5, number) for key, number in answers.items()}
            rows.append(
                CsiResponse(
                    couple=couple,
                    partner=partner,
                    period=csi.period_of(month),
                    answered_at=min(datetime.combine(month, time(20), tzinfo=couple.zone), now),
                    total=csi.score(answers),
                    **answers,
                )
            )
    CsiResponse.objects.bulk_create(rows)
