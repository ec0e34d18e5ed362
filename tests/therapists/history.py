"""A year of realistic history for many couples at once, built with bulk_create so a
test with 200 couples stays quick. Every kind of row the therapist pages read is
there, including rows they must leave out (private triggers, sealed answers)."""

from datetime import timedelta

from accounts.models import Couple, Membership, Role, SafetyCheck, User
from agreements.models import Acceptance, Agreement, Review, Version
from checkins import weeks
from checkins.models import Answer, CheckIn
from pacing.models import Exercise, ExerciseSession, ReadinessReport, Reflection
from practice.models import ForWhom, Outcome, Practice, PracticeMark
from therapists import csi
from therapists.models import Consent, CsiResponse, TherapistLink
from triggers.models import Category, Sharing, Trigger

ZONES = ["UTC", "Europe/London", "America/New_York", "Pacific/Auckland", "Asia/Kolkata"]
CATEGORIES = [value for value, _label in Category.choices]


def build_couples(therapist: User, numbers: range, now, weeks_of_history: int = 52) -> list:
    """Couples numbered `numbers`, linked to `therapist` with both consents."""
    start = now - timedelta(weeks=weeks_of_history, days=3)
    users = User.objects.bulk_create(
        User(email=f"c{n}{side}@history.test", display_name=f"{side.upper()}{n}", password="!")
        for n in numbers
        for side in ("h", "i")
    )
    couples = Couple.objects.bulk_create(
        Couple(timezone=ZONES[n % len(ZONES)], created_at=start) for n in numbers
    )
    pairs = [(couple, users[2 * i], users[2 * i + 1]) for i, couple in enumerate(couples)]
    Membership.objects.bulk_create(
        Membership(couple=couple, user=user, role=role, joined_at=start)
        for couple, hurt, involved in pairs
        for user, role in ((hurt, Role.HURT), (involved, Role.INVOLVED))
    )
    links = TherapistLink.objects.bulk_create(
        TherapistLink(couple=couple, therapist=therapist, invited_by=hurt, invited_at=start)
        for couple, hurt, _involved in pairs
    )
    Consent.objects.bulk_create(
        Consent(link=link, partner=partner, given_at=start)
        for link, (_couple, hurt, involved) in zip(links, pairs, strict=True)
        for partner in (hurt, involved)
    )
    _checkins(pairs, now, weeks_of_history)
    _triggers(pairs, now, weeks_of_history)
    _readiness(pairs, now, weeks_of_history)
    _agreements(pairs, now)
    _exercises(pairs, now)
    _csi(pairs, now)
    _practices(pairs, now, weeks_of_history)
    SafetyCheck.objects.bulk_create(
        SafetyCheck(user=hurt, afraid=SafetyCheck.Answer.NO, share_with_therapist=True)
        for _couple, hurt, _involved in pairs
    )
    return couples


def _checkins(pairs, now, count) -> None:
    checkins, answers = [], []
    for n, (couple, _hurt, _involved) in enumerate(pairs):
        this_week = weeks.week_start_for(now, couple.zone)
        for back in range(1, count + 1):
            if (n + back) % 7 == 0:
                continue  # a missed week now and then
            day = this_week - weeks.WEEK * back
            revealed = weeks.week_starts_at(day, couple.zone) + timedelta(days=6)
            checkins.append(CheckIn(couple=couple, week_start=day, revealed_at=revealed))
    CheckIn.objects.bulk_create(checkins)
    by_couple = {couple.pk: (hurt, involved) for couple, hurt, involved in pairs}
    for checkin in checkins:
        hurt, involved = by_couple[checkin.couple_id]
        base = checkin.week_start.toordinal() % 5
        for author, lift in ((hurt, 2), (involved, 4)):
            answers.append(
                Answer(
                    checkin=checkin,
                    author=author,
                    safety=base + lift,
                    trust=base + lift - 1,
                    connection=base + 3,
                    hope=base + 4,
                    submitted_at=checkin.revealed_at,
                )
            )
    Answer.objects.bulk_create(answers)


def _triggers(pairs, now, count) -> None:
    sharing = [Sharing.SHARE_NOW, Sharing.AT_CHECKIN, Sharing.PRIVATE]
    rows = []
    for n, (couple, hurt, involved) in enumerate(pairs):
        for step in range(count):
            when = now - timedelta(days=7 * step + 0.5)
            choice = sharing[(n + step) % 3]
            rows.append(
                Trigger(
                    couple=couple,
                    author=hurt if step % 3 else involved,
                    occurred_at=when,
                    category=CATEGORIES[step % len(CATEGORIES)],
                    intensity=(n + step) % 11,
                    sharing=choice,
                    shared_at=None if choice == Sharing.PRIVATE else when,
                    created_at=when,
                )
            )
    Trigger.objects.bulk_create(rows)


def _readiness(pairs, now, count) -> None:
    ReadinessReport.objects.bulk_create(
        ReadinessReport(
            couple=couple,
            author=author,
            role=role,
            created_at=now - timedelta(days=14 * back + offset),
            closeness_safety=min(10, 3 + (back + n) % 6),
            body_settled=min(10, 4 + (back * n) % 5),
        )
        for n, (couple, hurt, involved) in enumerate(pairs)
        for back in range(count // 2)
        for author, role, offset in ((hurt, Role.HURT, 0), (involved, Role.INVOLVED, 1))
    )


def _agreements(pairs, now) -> None:
    agreements = Agreement.objects.bulk_create(
        Agreement(couple=couple, created_at=now - timedelta(days=300)) for couple, *_ in pairs
    )
    versions, acceptances, reviews = [], [], []
    for agreement, (_couple, hurt, _involved) in zip(agreements, pairs, strict=True):
        for number in range(1, 5):
            took_effect = now - timedelta(days=300 - 60 * number)
            versions.append(
                Version(
                    agreement=agreement,
                    number=number,
                    digital=f"Phones face up, version {number}.",
                    proposed_by=hurt,
                    proposed_at=took_effect - timedelta(days=2),
                    status=Version.Status.ACCEPTED,
                    took_effect_at=took_effect,
                    closed_at=took_effect,
                )
            )
        for month in range(1, 4):
            completed = now - timedelta(days=300 - 30 * month)
            reviews.append(
                Review(
                    agreement=agreement,
                    opened_at=completed - timedelta(days=1),
                    due_at=completed - timedelta(days=1),
                    completed_at=completed,
                    outcome=Review.Outcome.REAFFIRMED,
                )
            )
    Version.objects.bulk_create(versions)
    Review.objects.bulk_create(reviews)
    partners = {
        agreement.pk: (hurt, involved)
        for agreement, (_c, hurt, involved) in zip(agreements, pairs, strict=True)
    }
    for version in versions:
        for partner in partners[version.agreement_id]:
            acceptances.append(
                Acceptance(version=version, partner=partner, accepted_at=version.took_effect_at)
            )
    Acceptance.objects.bulk_create(acceptances)
    latest = {version.agreement_id: version for version in versions}
    for agreement in agreements:
        agreement.current_version = latest[agreement.pk]
    Agreement.objects.bulk_update(agreements, ["current_version"])


def _exercises(pairs, now) -> None:
    exercise = Exercise.objects.order_by("tier", "pk").first()
    if exercise is None:
        return
    sessions = ExerciseSession.objects.bulk_create(
        ExerciseSession(
            couple=couple,
            exercise=exercise,
            started_by=hurt,
            started_at=now - timedelta(days=30 * back),
            completed_at=now - timedelta(days=30 * back) + timedelta(minutes=20),
        )
        for couple, hurt, _involved in pairs
        for back in range(1, 13)
    )
    by_couple = {couple.pk: (hurt, involved) for couple, hurt, involved in pairs}
    Reflection.objects.bulk_create(
        Reflection(session=session, author=author, safety=6)
        for session in sessions
        for author in by_couple[session.couple_id]
    )


def _csi(pairs, now) -> None:
    rows = []
    for couple, hurt, involved in pairs:
        day = now.astimezone(couple.zone).date().replace(day=1)
        for _month in range(12):
            for partner, answers in ((hurt, (2, 2, 3, 3)), (involved, (3, 3, 3, 4))):
                values = dict(zip(csi.FIELDS, answers, strict=True))
                rows.append(
                    CsiResponse(
                        couple=couple,
                        partner=partner,
                        period=csi.period_of(day),
                        total=csi.score(values),
                        **values,
                    )
                )
            day = (day - timedelta(days=1)).replace(day=1)
    CsiResponse.objects.bulk_create(rows)


def _practices(pairs, now, count) -> None:
    """A practice for both partners every other week, most marked, some found hard."""
    practices = []
    for couple, _hurt, _involved in pairs:
        this_week = weeks.week_start_for(now, couple.zone)
        practices += [
            Practice(
                couple=couple,
                text="Ten quiet minutes together.",
                due_week=this_week - weeks.WEEK * back,
                for_whom=ForWhom.BOTH,
            )
            for back in range(0, count, 2)
        ]
    Practice.objects.bulk_create(practices)
    people = {couple.pk: (hurt, involved) for couple, hurt, involved in pairs}
    PracticeMark.objects.bulk_create(
        PracticeMark(
            practice=practice,
            person=person,
            outcome=Outcome.HARD if (practice.couple_id + side) % 3 == 0 else Outcome.DONE,
        )
        for practice in practices
        for side, person in enumerate(people[practice.couple_id])
        if (practice.pk + side) % 4
    )
