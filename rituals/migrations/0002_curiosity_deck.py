"""The first curiosity deck, written for Common Ground: open questions for quality time,
light ones in the first tiers and deeper ones later, none about the affair. Staff edit
the deck in the admin afterwards; this migration only adds cards whose slug is new."""

from django.db import migrations
from django.utils.translation import gettext_noop

# (slug, tier, question)
DECK = [
    # Tier 0: steadying, light and easy
    ("small-smile", 0, gettext_noop("What's a small thing that made you smile this week?")),
    ("comfort-food", 0, gettext_noop("What food always feels like comfort to you, and why?")),
    (
        "perfect-lazy-sunday",
        0,
        gettext_noop("What would a perfectly lazy Sunday look like for you?"),
    ),
    ("song-on-repeat", 0, gettext_noop("Which song have you had on repeat lately?")),
    ("childhood-game", 0, gettext_noop("What game did you love playing as a child?")),
    (
        "favourite-season",
        0,
        gettext_noop("Which season suits you best, and what do you love about it?"),
    ),
    ("calm-place", 0, gettext_noop("Where is a place, real or imagined, where you feel calm?")),
    ("recent-laugh", 0, gettext_noop("When did you last laugh out loud, and at what?")),
    (
        "animal-spirit",
        0,
        gettext_noop("If you could spend a day as an animal, which would you choose?"),
    ),
    (
        "useless-talent",
        0,
        gettext_noop("What is a small, useless talent you are secretly proud of?"),
    ),
    ("morning-or-night", 0, gettext_noop("Are you more yourself in the morning or late at night?")),
    ("weather-today", 0, gettext_noop("If your mood today were the weather, what would it be?")),
    ("best-smell", 0, gettext_noop("Which smell takes you straight back to somewhere good?")),
    # Tier 1: talking and listening
    (
        "learned-recently",
        1,
        gettext_noop("What is something you learned recently that surprised you?"),
    ),
    ("energy-giver", 1, gettext_noop("What gives you energy when you feel tired of everything?")),
    ("hard-day-helps", 1, gettext_noop("On a hard day, what is the smallest thing that helps?")),
    (
        "proud-this-month",
        1,
        gettext_noop("What is something you did this month that you're quietly proud of?"),
    ),
    (
        "teacher-remembered",
        1,
        gettext_noop("Which teacher or mentor do you still think about, and why?"),
    ),
    ("friend-qualities", 1, gettext_noop("What do you value most in a good friend?")),
    ("first-job", 1, gettext_noop("What did your first job teach you about yourself?")),
    ("ideal-evening", 1, gettext_noop("How would you spend an evening that is entirely yours?")),
    ("book-or-film", 1, gettext_noop("Which book or film stayed with you long after it ended?")),
    ("curious-about", 1, gettext_noop("What are you curious about at the moment?")),
    (
        "small-routine",
        1,
        gettext_noop("Which small routine of your day do you never want to give up?"),
    ),
    (
        "listening-feels",
        1,
        gettext_noop("What does it feel like for you when someone really listens?"),
    ),
    ("home-means", 1, gettext_noop("What makes a place feel like home to you?")),
    # Tier 2: everyday reconnection
    (
        "adventure-together",
        2,
        gettext_noop("What is a small adventure you would like us to have this year?"),
    ),
    (
        "favourite-ordinary-moment",
        2,
        gettext_noop("What is your favourite ordinary moment of our week?"),
    ),
    ("cook-together", 2, gettext_noop("What meal would you love us to cook together one evening?")),
    ("early-memory-of-us", 2, gettext_noop("Which early memory of us still makes you smile?")),
    ("place-to-revisit", 2, gettext_noop("Which place would you like to visit together again?")),
    (
        "feel-appreciated",
        2,
        gettext_noop("What is something small I could do that would make you feel appreciated?"),
    ),
    (
        "ritual-from-family",
        2,
        gettext_noop("Which ritual from the family you grew up in would you like to keep?"),
    ),
    (
        "weekend-dream",
        2,
        gettext_noop("If we had a free weekend with no plans, how would you like to spend it?"),
    ),
    ("laugh-together", 2, gettext_noop("What always makes us laugh together?")),
    ("tiny-tradition", 2, gettext_noop("What tiny tradition could we start, just for us?")),
    ("rest-together", 2, gettext_noop("What does resting together look like for you?")),
    (
        "shared-project",
        2,
        gettext_noop("Is there something we could build, grow or make together?"),
    ),
    ("good-day-for-you", 2, gettext_noop("What does a good day look like for you right now?")),
    # Tier 3: going deeper
    ("dream-not-shared", 3, gettext_noop("Is there a dream you have never quite said out loud?")),
    (
        "changed-in-you",
        3,
        gettext_noop("How have you changed over the last few years, in ways you like?"),
    ),
    (
        "fear-of-future",
        3,
        gettext_noop("What is one hope and one worry you carry about the future?"),
    ),
    ("feel-most-yourself", 3, gettext_noop("When do you feel most like yourself?")),
    (
        "parent-lesson",
        3,
        gettext_noop("What did you learn from your parents about love, and what would you change?"),
    ),
    ("strength-unseen", 3, gettext_noop("What is a strength of yours that people often miss?")),
    ("hard-to-ask", 3, gettext_noop("What is something you find hard to ask for?")),
    ("younger-self", 3, gettext_noop("What would you tell your younger self about relationships?")),
    ("where-in-ten-years", 3, gettext_noop("Where would you like us to be in ten years?")),
    ("values-now", 3, gettext_noop("Which of your values matters most to you right now?")),
    ("felt-understood", 3, gettext_noop("When did you last feel truly understood, by anyone?")),
    ("grief-carried", 3, gettext_noop("Is there a loss from long ago that still shapes you?")),
    ("what-safety-means", 3, gettext_noop("What does feeling safe with someone mean to you?")),
    # Tier 4: closeness
    ("feel-close", 4, gettext_noop("What helps you feel close to me without any words?")),
    (
        "affection-kind",
        4,
        gettext_noop("Which kind of affection feels most welcome to you these days?"),
    ),
    (
        "touch-memory",
        4,
        gettext_noop("Which gentle moment of closeness between us do you treasure?"),
    ),
    ("tender-words", 4, gettext_noop("What words would you love to hear from me more often?")),
    ("body-at-ease", 4, gettext_noop("When does your body feel most at ease next to mine?")),
    ("slow-evening", 4, gettext_noop("How would you describe a slow, tender evening together?")),
    ("trust-grows", 4, gettext_noop("What small things help your trust in closeness grow?")),
    (
        "say-not-now",
        4,
        gettext_noop("How would you like us to say 'not now' to each other, kindly?"),
    ),
    ("feel-desired", 4, gettext_noop("What helps you feel wanted, in a way that feels safe?")),
    ("after-closeness", 4, gettext_noop("What do you like to happen after a moment of closeness?")),
    (
        "closeness-future",
        4,
        gettext_noop("What kind of closeness would you like us to grow towards?"),
    ),
    ("hand-in-hand", 4, gettext_noop("Where would you most like to walk hand in hand?")),
    ("quiet-together", 4, gettext_noop("What does being quietly close together mean to you?")),
]


def add_deck(apps, schema_editor):
    Card = apps.get_model("rituals", "Card")
    existing = set(Card.objects.values_list("slug", flat=True))
    Card.objects.bulk_create(
        Card(slug=slug, tier=tier, text=text) for slug, tier, text in DECK if slug not in existing
    )


def remove_deck(apps, schema_editor):
    Card = apps.get_model("rituals", "Card")
    Card.objects.filter(slug__in=[slug for slug, _tier, _text in DECK]).delete()


class Migration(migrations.Migration):
    dependencies = [("rituals", "0001_initial")]

    operations = [migrations.RunPython(add_deck, remove_deck)]
