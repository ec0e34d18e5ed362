"""Demo content for the tools: questions, a past pause, wins, a shared goal, journals."""

from datetime import timedelta

from django.utils import timezone as tz

from accounts.models import Membership, User

from .models import (
    Answer,
    Goal,
    JournalEntry,
    Pause,
    Question,
    Readiness,
    SelfCarePlan,
    Step,
    Win,
    WinKind,
)

QUESTIONS = [
    (
        "When you were late home on Thursdays last spring, where were you really?",
        Readiness.READY_NOW,
        9,
        [
            (
                "Most Thursdays I was with them, usually for two or three hours. "
                "I told you I was at the climbing gym. I'm sorry I lied to you.",
                9 * 24 - 5,
            ),
            (
                "Most Thursdays I was with them, usually for two or three hours, from March "
                "until June. I told you I was at the climbing gym. I'm sorry I lied to you, "
                "and I'm sorry it took me a second try to give you the whole answer.",
                8 * 24,
            ),
        ],
    ),
    (
        "Did you ever bring them to our house?",
        Readiness.READY_NOW,
        4,
        [("No, never. Not our house, and not our car either.", 4 * 24 - 2)],
    ),
    ("Why did you keep it going after I asked you about it in May?", Readiness.AT_SESSION, 1, []),
]

WINS = [
    ("involved", WinKind.APPRECIATION, "Thank you for letting me hold your hand on the walk.", 1),
    ("hurt", WinKind.SMALL_WIN, "We talked about the hard week without raising our voices.", 3),
    ("involved", WinKind.SMALL_WIN, "I showed you my messages before you had to ask.", 9),
    ("hurt", WinKind.APPRECIATION, "You cooked on my long day and didn't make a thing of it.", 16),
]

GOAL_TITLE = "A week by the sea next summer"
GOAL_WHY = "Somewhere new that is only ours, to remember that we can still enjoy each other."
GOAL_STEPS = [
    "Each write down three places we'd love to see",
    "Choose the place together",
    "Put a little aside every month",
    "Book the cottage",
]

JOURNAL = {
    "hurt": "The anniversary is coming and I can feel it in my chest already. I want to tell "
    "Alex without it turning into a fight. Writing it here first helps.",
    "involved": "Sam asked about the Thursdays again. My first instinct was to keep it short. "
    "I'm glad I went back and gave the whole answer.",
}


def seed(people: dict[str, User]) -> None:
    hurt, involved = people["hurt"], people["involved"]
    membership = Membership.objects.active().select_related("couple").get(user=hurt)
    couple = membership.couple
    now = tz.now()
    if Question.objects.filter(couple=couple).exists():
        return  # Already seeded: safe to run twice.

    for text, readiness, days_ago, answers in QUESTIONS:
        asked_at = now - timedelta(days=days_ago)
        question = Question.objects.create(
            couple=couple, asked_by=hurt, text=text, readiness=readiness, asked_at=asked_at
        )
        previous = None
        for answer_text, hours_ago in answers:
            previous = Answer.objects.create(
                question=question,
                author=involved,
                text=answer_text,
                created_at=now - timedelta(hours=hours_ago),
                supersedes=previous,
            )

    started = now - timedelta(days=5, hours=3)
    Pause.objects.create(
        couple=couple,
        requested_by=hurt,
        started_at=started,
        ends_at=started + timedelta(minutes=20),
        ended_at=started + timedelta(minutes=20),
        reason="My chest went tight when the gym came up. I need to breathe before we go on.",
    )

    for who, kind, text, days_ago in WINS:
        Win.objects.create(
            couple=couple,
            author=people[who],
            kind=kind,
            text=text,
            created_at=now - timedelta(days=days_ago),
            thanked_at=now - timedelta(days=days_ago) + timedelta(hours=2)
            if days_ago > 1
            else None,
        )

    goal = Goal.objects.create(couple=couple, title=GOAL_TITLE, why=GOAL_WHY)
    for position, text in enumerate(GOAL_STEPS):
        done = position == 0
        Step.objects.create(
            goal=goal,
            text=text,
            position=position,
            done_at=now - timedelta(days=2) if done else None,
            done_by=hurt if done else None,
        )

    for who, text in JOURNAL.items():
        JournalEntry.objects.create(
            author=people[who], text=text, created_at=now - timedelta(days=2)
        )
    SelfCarePlan.objects.get_or_create(
        user=hurt,
        defaults={
            "rest": "In bed by eleven, phone in the kitchen.",
            "movement": "A walk at lunchtime, swimming on Saturdays.",
            "people_i_can_talk_to": "My sister Jo; Priya from work.",
            "my_own_therapy": "Tuesdays with Dr. Okafor.",
        },
    )
