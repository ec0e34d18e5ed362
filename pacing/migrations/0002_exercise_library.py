"""The first exercise library, written for Common Ground. Staff edit it in the admin
afterwards; this migration only adds exercises whose slug is not there yet."""

from django.db import migrations
from django.utils.translation import gettext_noop

# (slug, tier, order, title, minutes, purpose, steps: one per line)
LIBRARY = [
    # Tier 0: steadying
    (
        "grounding-side-by-side",
        0,
        1,
        gettext_noop("Grounding, side by side"),
        5,
        gettext_noop(
            "When feelings run high, bodies need to calm before words can help. This short "
            "grounding practice gives you both a way back to the present moment, without "
            "needing to talk about anything hard."
        ),
        gettext_noop("""Sit near each other, but not necessarily touching. Whatever distance feels right is the right distance.
Each of you, quietly, notice five things you can see, four you can hear, three you can feel (your feet on the floor, the chair under you), two you can smell and one you can taste.
Breathe in slowly for four counts and out for six, five times.
If you like, say one word each about how you feel now. No need to explain it.
Thank each other for taking this moment."""),
    ),
    (
        "our-pause-signal",
        0,
        2,
        gettext_noop("Our pause signal"),
        15,
        gettext_noop(
            "Hard conversations sometimes become too much. Agreeing ahead of time on how to "
            "pause, and when to come back, makes it safe to stop without it feeling like "
            "walking away."
        ),
        gettext_noop("""Choose a calm moment, not right after a difficult talk.
Together, pick a word or a small gesture that means “I need a pause.” Something simple and neutral works best.
Agree how long a pause usually lasts (for example 20 minutes to an hour), and that whoever asked for the pause will be the one to come back.
Each of you name one thing that helps you calm down during a pause: a walk, music, a shower, breathing.
Agree that a pause is never a punishment and never the end of the conversation. Write your agreement down in a place you can both find."""),
    ),
    (
        "speaking-truthfully-and-gently",
        0,
        3,
        gettext_noop("Speaking truthfully and gently"),
        15,
        gettext_noop(
            "Honesty rebuilds trust, and gentleness makes honesty possible to hear. This "
            "practice helps you say one true thing in a way that does not wound."
        ),
        gettext_noop("""Each of you think of one small, true thing about how you are doing this week. Keep it small: this is practice, not the big conversation.
Take turns. The speaker starts with “I” and describes their own feeling or experience, for example “I felt tired and on edge on Tuesday evening.”
Leave out blame words like “always” and “never”, and leave out guesses about what the other person meant.
The listener only says “Thank you for telling me.” Nothing more is needed.
Swap roles. Afterwards, notice together what it was like to say something true and have it simply received."""),
    ),
    (
        "listening-to-understand",
        0,
        4,
        gettext_noop("Listening to understand, not to defend"),
        15,
        gettext_noop(
            "When we feel accused, we listen for the part we disagree with. This exercise "
            "practises a different kind of listening: trying to understand, without needing "
            "to defend or fix anything."
        ),
        gettext_noop("""Decide who speaks first. The speaker talks for up to three minutes about something on their mind. It does not have to be about the relationship.
The listener stays quiet, keeps their body relaxed and notices any urge to interrupt, correct or explain, and lets it pass.
When the speaker finishes, the listener says: “What I heard is…” and sums it up in their own words, without adding their own view.
The speaker says what the listener got right, and gently adds anything that was missed.
Swap roles. To finish, each say one thing you appreciated about how the other listened."""),
    ),
    # Tier 1: talking and listening
    (
        "the-ten-minute-check-in",
        1,
        1,
        gettext_noop("The ten-minute daily check-in"),
        10,
        gettext_noop(
            "Small, regular conversations build safety faster than rare big ones. A short "
            "daily check-in gives feelings a predictable place to go."
        ),
        gettext_noop("""Pick a regular time, for example after dinner, and set a timer for ten minutes.
Each of you answer: “Today I felt… ” and “One thing that would help me tomorrow is…”
Listen without debating. If something big comes up, agree to bring it to your weekly check-in or to your therapist.
Stop when the timer ends, even if you are in the middle of something. Keeping it short keeps it safe.
End with a simple “thank you” or “see you tomorrow”."""),
    ),
    (
        "feelings-not-verdicts",
        1,
        2,
        gettext_noop("Feelings, not verdicts"),
        15,
        gettext_noop(
            "“You don't care” is a verdict; “I felt alone” is a feeling. Feelings invite "
            "closeness, verdicts invite defence. This practice helps you say what is going on "
            "inside you in a way your partner can take in."
        ),
        gettext_noop("""Each of you think of a recent moment that stung a little. Choose something small, not the hardest thing.
Write it as: “When [what happened, as a camera would see it], I felt [feeling word], and I needed [need].”
Read your sentence aloud to your partner.
The listener repeats the feeling and the need back: “You felt… and you needed…” and asks “Did I get that right?”
Swap roles. Notice how it feels to be understood without anyone having to be wrong."""),
    ),
    (
        "one-thing-i-heard",
        1,
        3,
        gettext_noop("One thing I heard"),
        10,
        gettext_noop(
            "It is easy to hear the worst in each other during recovery. This practice trains "
            "the habit of catching what your partner actually meant."
        ),
        gettext_noop("""Each of you share one thing you'd like your partner to understand about your day or your week.
The listener answers with “One thing I heard is…” and one sentence only.
The speaker says “Yes, that's it” or gently corrects it, once.
Swap roles.
Finish by each naming one moment this week when you felt heard."""),
    ),
    (
        "what-helps-me-feel-safe",
        1,
        4,
        gettext_noop("What helps me feel safe"),
        20,
        gettext_noop(
            "Safety means different things to different people. Naming concrete, small things "
            "that help you feel safe gives your partner a clear way to help, instead of guessing."
        ),
        gettext_noop("""Each of you, on your own, write down three small, concrete things that help you feel a bit safer day to day, for example “a message when plans change” or “a hand on my shoulder when I'm upset”.
Read your lists to each other. The listener only asks questions to understand, for example “What would that look like?”
Each choose one item from your partner's list that you can offer this week.
Agree to notice, kindly, when it happens. There's no scorekeeping."""),
    ),
    # Tier 2: everyday reconnection
    (
        "appreciating-small-wins",
        2,
        1,
        gettext_noop("Appreciating small wins"),
        10,
        gettext_noop(
            "Recovery is made of small, steady actions, and they are easy to overlook. "
            "Naming them out loud helps both of you see the progress you are making."
        ),
        gettext_noop("""Each of you think back over the past few days and find one small thing your partner did that helped: a kept promise, a kind word, patience in a hard moment.
Tell your partner about it, starting with “I noticed…” and ending with “It meant… to me.”
The listener simply says “Thank you”, without brushing it off.
Swap roles.
If you like, write both wins down somewhere you will see them again."""),
    ),
    (
        "room-for-different-feelings",
        2,
        2,
        gettext_noop("Room for different feelings"),
        20,
        gettext_noop(
            "Two people can go through the same moment and feel very differently about it. "
            "Allowing that difference, without needing to agree, is a big step towards feeling "
            "safe together."
        ),
        gettext_noop("""Choose a shared, everyday moment from this week, not the affair: a family visit, a film, a busy morning.
Each of you describe how it felt to you, in a few sentences.
The listener says “That makes sense, because…” and finds the reason the feeling makes sense from their partner's side, even if they felt differently.
Notice the urge to correct or persuade, and let it pass. Both feelings can be true at the same time.
Finish by each saying one thing you learned about the other."""),
    ),
    (
        "a-walk-together",
        2,
        3,
        gettext_noop("A walk together"),
        30,
        gettext_noop(
            "Walking side by side can make it easier to be together, with nature or the street "
            "to look at instead of each other's faces. It is a simple ritual you can repeat."
        ),
        gettext_noop("""Agree a route of about half an hour, somewhere you both find pleasant.
For the first ten minutes, walk without talking about anything heavy. Notice what's around you and point out anything you like.
If you both want to, share one good thing from your week.
If either of you feels tense, it is fine to walk quietly or to head home.
Decide together whether you'd like to make this a regular walk, and when."""),
    ),
    (
        "cooking-something-simple",
        2,
        4,
        gettext_noop("Cooking something simple together"),
        45,
        gettext_noop(
            "Working on something small, side by side, builds a quiet kind of teamwork. The "
            "goal is a shared experience, not a perfect meal."
        ),
        gettext_noop("""Choose a simple recipe together, something neither of you needs to be an expert at.
Divide the tasks so you each have your own part, and a few moments where you help each other.
Keep the conversation light. If something goes wrong with the food, let it be funny rather than a problem.
Eat together, without screens if you can.
Each say one thing you enjoyed about making it."""),
    ),
    (
        "a-shared-quiet-moment",
        2,
        5,
        gettext_noop("A shared quiet moment"),
        10,
        gettext_noop(
            "Many couples find strength in a quiet ritual: a prayer, a moment of meditation, "
            "a poem, or simply sitting in silence. Sharing it, in whatever way fits your "
            "beliefs, can bring a gentle sense of being on the same side."
        ),
        gettext_noop("""Talk briefly about what kind of quiet moment would feel right for both of you: a prayer, a reading, a few minutes of silence, or lighting a candle.
Sit together in a calm place and set aside your phones.
Spend five minutes in your chosen practice. If your beliefs differ, each can hold your own words while sharing the silence.
Afterwards, if you like, share one word about how that felt.
Decide whether you'd like to return to this, for example once a week."""),
    ),
    (
        "something-that-makes-us-laugh",
        2,
        6,
        gettext_noop("Something that makes us laugh"),
        30,
        gettext_noop(
            "Laughter is not a sign that the hurt is forgotten. It is a sign that lightness can "
            "exist alongside it, and it reminds your bodies that you can be at ease together."
        ),
        gettext_noop("""Each suggest something that usually makes you laugh: a comedy, old funny videos, a silly game, a favourite comedian.
Choose one together. Either of you can say no to a suggestion without explaining.
Enjoy it together for about half an hour.
If laughing feels strange or sad at some point, that's okay too. You can stop at any time.
Say one thing you enjoyed about the time together."""),
    ),
    # Tier 3: going deeper
    (
        "what-i-find-hard-to-say",
        3,
        1,
        gettext_noop("What I find hard to say"),
        30,
        gettext_noop(
            "Deeper trust grows when each of you can risk showing what is tender inside. "
            "This conversation gives that risk a safe structure: one person shares, the other "
            "receives, and nobody has to fix anything."
        ),
        gettext_noop("""Before you begin, agree that either of you can use your pause signal at any time.
Each of you think of one feeling about yourself (not about your partner) that you rarely say out loud, for example a fear, a shame or a longing.
The first speaker shares it in a few sentences. The listener's only job is to receive it: eye contact if that feels okay, and “Thank you for trusting me with that.”
Take a short breath together before swapping roles.
Afterwards, do something gentle and ordinary together, like making a cup of tea."""),
    ),
    (
        "our-next-chapter",
        3,
        2,
        gettext_noop("Our next chapter: shared goals"),
        40,
        gettext_noop(
            "Moving from “me and you” towards “us” includes imagining a future together. "
            "Naming shared goals, big and small, gives the work of recovery a direction."
        ),
        gettext_noop("""Each of you, on your own, write down three things you would like for your life together in the coming year. They can be small (“a weekly dinner out”) or larger (“a trip we've always talked about”).
Read your lists to each other, without judging any item.
Circle the goals that appear on both lists, or that you both feel warm about.
Choose one shared goal and agree one small first step, with a date.
Put the goal somewhere you will both see it, and bring your progress to a check-in."""),
    ),
    (
        "the-story-of-us",
        3,
        3,
        gettext_noop("The story of us"),
        30,
        gettext_noop(
            "Remembering what first brought you together, honestly and without pretending the "
            "hurt didn't happen, can remind you both of what you are rebuilding."
        ),
        gettext_noop("""Find a calm time and a comfortable place. Photos from earlier years can help, if they feel okay to look at.
Take turns sharing one memory from early in your relationship that still feels warm.
For each memory, say what you valued about your partner in that moment.
If a memory brings up pain, it is fine to say so and choose another, or to pause.
Finish by each naming one quality of your partner that you would like to see more of in your next chapter."""),
    ),
    # Tier 4: physical closeness
    (
        "a-hand-to-hold",
        4,
        1,
        gettext_noop("A hand to hold"),
        10,
        gettext_noop(
            "Physical closeness returns best in small steps, with a clear yes from both of "
            "you. Holding hands is a gentle place to begin again."
        ),
        gettext_noop("""Ask first, in words: “Would you like to hold hands for a few minutes?” A “not today” is always okay, and needs no reason.
If you both say yes, sit or walk together and hold hands for a few minutes.
Either of you can let go at any moment. Letting go is not a rejection; it is part of feeling safe.
Afterwards, each say one word about how it felt."""),
    ),
    (
        "a-hug-with-a-way-out",
        4,
        2,
        gettext_noop("A hug with a way out"),
        10,
        gettext_noop(
            "A hug can be comforting or overwhelming, depending on the day. This version keeps "
            "control with the person who needs it most, so closeness never has to be endured."
        ),
        gettext_noop("""The hurt partner decides whether today is a hug day. The involved partner asks, and accepts any answer warmly.
If it's a yes, the hurt partner chooses the kind of hug (side hug, loose hug, close hug) and how long it lasts.
Breathe slowly together during the hug. Either of you can step back at any time with a light touch on the arm.
Afterwards, share how it felt, including anything that didn't feel right, so next time can be better."""),
    ),
    (
        "closeness-at-our-own-pace",
        4,
        3,
        gettext_noop("Closeness at our own pace"),
        30,
        gettext_noop(
            "Rebuilding physical intimacy after a betrayal takes time, and both of you need to "
            "feel free to say yes, no or not yet. This conversation is about closeness, not a "
            "step towards it: talking first makes the rest safer."
        ),
        gettext_noop("""Choose a private, unhurried moment, fully clothed, when neither of you is tired or upset.
Each of you share what kinds of physical closeness feel welcome right now, which feel “maybe later”, and which are not okay for now.
Agree on how you will each say “stop” or “not now”, and that it will always be respected, without sulking or persuading.
Talk about what helps you feel cared for afterwards: a word, a cup of tea, some quiet.
Agree to revisit this conversation regularly, and to bring anything difficult to your therapist."""),
    ),
]


def add_library(apps, schema_editor):
    Exercise = apps.get_model("pacing", "Exercise")
    existing = set(Exercise.objects.values_list("slug", flat=True))
    Exercise.objects.bulk_create(
        Exercise(
            slug=slug,
            tier=tier,
            order=order,
            title=title,
            minutes=minutes,
            purpose=purpose,
            steps=steps,
        )
        for slug, tier, order, title, minutes, purpose, steps in LIBRARY
        if slug not in existing
    )


def remove_library(apps, schema_editor):
    Exercise = apps.get_model("pacing", "Exercise")
    Exercise.objects.filter(
        slug__in=[entry[0] for entry in LIBRARY], sessions__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("pacing", "0001_initial")]

    operations = [migrations.RunPython(add_library, remove_library)]
