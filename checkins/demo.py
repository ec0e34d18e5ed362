"""Demo check-ins: twelve weeks of a couple slowly finding steadier ground.

A gentle upward trend, one week nobody managed to check in, and a setback
around a hard anniversary. Safe to run again: rows are updated, not duplicated.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone as tz

from accounts.models import Membership, User

from . import weeks
from .models import Answer, CheckIn

# weeks ago -> ((hurt ratings), (involved ratings)) as safety, trust, connection, hope.
RATINGS = {
    12: ((2, 1, 3, 4), (4, 3, 3, 5)),
    11: ((3, 2, 3, 4), (4, 3, 4, 5)),
    9: ((3, 2, 4, 5), (5, 4, 4, 5)),
    8: ((4, 3, 4, 5), (5, 4, 5, 6)),
    7: ((4, 3, 5, 6), (5, 5, 5, 6)),
    6: ((2, 1, 3, 3), (3, 3, 3, 4)),
    5: ((3, 2, 4, 4), (4, 4, 4, 5)),
    4: ((4, 3, 5, 5), (5, 4, 5, 6)),
    3: ((5, 4, 5, 6), (5, 5, 6, 6)),
    2: ((5, 4, 6, 6), (6, 5, 6, 7)),
    1: ((6, 5, 6, 7), (6, 6, 7, 7)),
}

# weeks ago -> (hurt texts, involved texts, joint note, next step); texts are
# triggers, boundaries, a small win, a need.
TEXTS = {
    12: (
        (
            "Every time your phone buzzed I froze.",
            "I need the phone to stay face up when we're together. That mostly happened.",
            "You answered my questions on Thursday without getting defensive.",
            "To not be asked to 'move on'. I'm not there.",
        ),
        (
            "Sam going quiet at dinner. I didn't know what to do with it.",
            "Phone face up, location shared. I kept both.",
            "We made it through a whole Saturday morning together, gently.",
            "To know it's okay to ask how Sam is doing.",
        ),
        "Our first check-in. It was hard to start and we're glad we did.",
        "Phone stays face up in shared rooms.",
    ),
    11: (
        (
            "A song in the supermarket. Silly, and it still floored me.",
            "Kept. I'd like you to tell me when you'll be late, before you're late.",
            "You noticed I was struggling and just sat with me.",
            "A quiet evening with no big conversations.",
        ),
        (
            "Feeling like everything I do is being checked. I know why, it still stings.",
            "Kept. I'll message before I'm late, not after.",
            "Sam laughed at my terrible pasta.",
            "One evening where we do something ordinary together.",
        ),
        "We want one ordinary evening a week that isn't about the affair.",
        "Tuesday: cook together, no phones at the table.",
    ),
    9: (
        (
            "Your work dinner. I counted the minutes.",
            "You sent photos and came home when you said. That mattered.",
            "Tuesday dinner happened, and it was nice.",
            "Reassurance without me having to ask for it.",
        ),
        (
            "Feeling Sam's worry while I was out and not being able to fix it.",
            "Sent updates from the dinner, home by ten as agreed.",
            "Sam said 'thank you for the photos'.",
            "Patience with myself when I get it wrong.",
        ),
        "Last week slipped by us, and that's okay. We're back.",
        "Alex sends a short message before and after work events.",
    ),
    8: (
        (
            "Driving past the hotel. I took the long way home after that.",
            "All kept. Nothing needs to change this week.",
            "We walked by the river on Sunday and it felt easy for a while.",
            "More walks like that.",
        ),
        (
            "Sam asking about the timeline again. I answered, and it was heavy.",
            "Kept. I didn't delete anything, I didn't minimise.",
            "The river walk. Sam held my hand for a bit.",
            "Some time with my brother to talk things through.",
        ),
        "The walk was the best hour we've had in a long time.",
        "Sunday walk by the river again.",
    ),
    7: (
        (
            "A message from an unknown number on your phone. It was the dentist.",
            "You showed me straight away without me asking. Kept.",
            "You booked the couples session yourself.",
            "To hear that you're still all in on this.",
        ),
        (
            "Seeing Sam's face when the phone lit up.",
            "Kept: I showed the message straight away.",
            "We had a real laugh watching the quiz show.",
            "To feel that the small things I do are noticed.",
        ),
        "The dentist message turned into a moment of trust, not a fight.",
        "Keep showing messages straight away, without being asked.",
    ),
    6: (
        (
            "The anniversary of the day I found out. I couldn't stop replaying it.",
            "I needed space on Wednesday and you gave it. I want that to be okay to ask for.",
            "Even on the worst day you stayed kind.",
            "Gentleness. And to not talk about the future this week.",
        ),
        (
            "Seeing Sam so low and knowing I caused it. I wanted to fix it fast.",
            "I gave Sam space on Wednesday, even though it was hard for me.",
            "We got through the anniversary together.",
            "To remember that a hard week is not the end of the work.",
        ),
        "A hard week. We noticed it, we didn't pretend, and we're still here.",
        "Ask for space with a time to come back, e.g. 'let's talk at 8'.",
    ),
    5: (
        (
            "Still raw from the anniversary. Small things felt big.",
            "The 'talk at 8' idea worked. Let's keep it.",
            "You made the coffee the way I like it every morning.",
            "Slow and steady. No big plans.",
        ),
        (
            "Worrying the progress was gone.",
            "Used 'talk at 8' twice. It helped me not push.",
            "Sam said the coffee thing helped.",
            "A reminder that slow is fine.",
        ),
        "The pause-and-return idea works for both of us.",
        "Keep using 'talk at 8' when things get heated.",
    ),
    4: (
        (
            "A couple holding hands in the park. It stung, but less.",
            "All kept. I'd like us to revisit the location sharing next month.",
            "We planned my sister's birthday together without tension.",
            "An evening out, just the two of us.",
        ),
        (
            "Nothing big. A dream I woke up uneasy from.",
            "Kept everything. Happy to talk about location sharing when Sam is ready.",
            "Planning the birthday felt like being a team again.",
            "To go out for dinner, somewhere new.",
        ),
        "We felt like a team this week.",
        "Dinner out on Friday, somewhere neither of us has been.",
    ),
    3: (
        (
            "An old photo came up on my phone. I put it away and talked to you about it.",
            "Kept. The late messages are really helping.",
            "Friday dinner. I forgot to be on guard for most of it.",
            "To keep talking like we did on Friday.",
        ),
        (
            "Sam mentioning the photo. I stayed calm and listened.",
            "Kept. Still messaging before I'm late.",
            "Sam said Friday felt like 'us'.",
            "More evenings like Friday.",
        ),
        "Friday felt like us. We want to protect that.",
        "One evening a week that's just ours, no phones.",
    ),
    2: (
        (
            "A quieter week. A tense moment when you were vague about Saturday.",
            "Mostly kept. Please be specific about plans, it helps me settle.",
            "You told me about your day without me asking a single question.",
            "To plan the next weekend together.",
        ),
        (
            "Realising I'd been vague and seeing how that landed.",
            "I'll be specific about plans, times and who I'm with.",
            "We cooked together twice and it was easy.",
            "To keep hearing what helps.",
        ),
        "Being specific about plans helps Sam settle. Easy to do.",
        "Share weekend plans by Thursday evening.",
    ),
    1: (
        (
            "Not much. A flicker when you mentioned a colleague, and it passed.",
            "All kept, and I noticed you did it without reminders.",
            "I caught myself laughing and not feeling guilty about it.",
            "To keep going like this, gently.",
        ),
        (
            "Worrying I'd said the wrong thing about my colleague.",
            "Kept everything, and shared the weekend plan on Thursday.",
            "Sam reached for my hand first on our walk.",
            "To keep showing up, week after week.",
        ),
        "The steadiest week so far. We want to notice it, not rush it.",
        "Keep the Sunday walk and the Thursday plan.",
    ),
}

TEXT_FIELDS = ["triggers_text", "boundaries_text", "win_text", "need_text"]
RATING_FIELDS = ["safety", "trust", "connection", "hope"]


def _answer(checkin, author, ratings, texts, submitted_at) -> None:
    Answer.objects.update_or_create(
        checkin=checkin,
        author=author,
        defaults={
            **dict(zip(RATING_FIELDS, ratings, strict=True)),
            **dict(zip(TEXT_FIELDS, texts, strict=True)),
            "submitted_at": submitted_at,
        },
    )


def seed(people: dict[str, User]) -> None:
    hurt, involved = people["hurt"], people["involved"]
    couple = Membership.objects.active().select_related("couple").get(user=hurt).couple
    zone = couple.zone
    this_week = weeks.week_start_for(tz.now(), zone)
    for ago, (hurt_ratings, involved_ratings) in RATINGS.items():
        week_start = this_week - weeks.WEEK * ago
        sunday_evening = datetime.combine(week_start + timedelta(days=6), time(20), tzinfo=zone)
        hurt_texts, involved_texts, note, step = TEXTS[ago]
        checkin, _created = CheckIn.objects.update_or_create(
            couple=couple,
            week_start=week_start,
            defaults={
                "revealed_at": sunday_evening + timedelta(minutes=40),
                "joint_note": note,
                "next_step": step,
                "shared_updated_at": sunday_evening + timedelta(hours=1),
                "shared_updated_by": hurt if ago % 2 else involved,
            },
        )
        _answer(checkin, involved, involved_ratings, involved_texts, sunday_evening)
        _answer(checkin, hurt, hurt_ratings, hurt_texts, sunday_evening + timedelta(minutes=40))
