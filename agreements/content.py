"""The agreement's sections and the starter text a couple begins from.

The starter is written for this product: a first draft in plain words that the
couple changes to fit them. It is never in force until both partners accept it.
"""

from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Section(NamedTuple):
    key: str
    title: str
    prompt: str


SECTIONS = (
    Section(
        "digital",
        gettext_lazy("Digital transparency"),
        gettext_lazy("Phones, messages, passwords and social media."),
    ),
    Section(
        "whereabouts",
        gettext_lazy("Schedules and whereabouts"),
        gettext_lazy("How you keep each other in the picture about plans and changes."),
    ),
    Section(
        "contact",
        gettext_lazy("Contact boundaries"),
        gettext_lazy("Who you are and aren't in touch with, and what happens if contact comes."),
    ),
    Section(
        "heated_moments",
        gettext_lazy("How we handle heated moments"),
        gettext_lazy("How either of you can ask for a pause, and how you come back calmly."),
    ),
    Section(
        "self_care",
        gettext_lazy("Self-care"),
        gettext_lazy("What each of you does to stay steady."),
    ),
    Section(
        "therapy",
        gettext_lazy("Therapy commitments"),
        gettext_lazy("Sessions, the work in between, and what stays private."),
    ),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)


def starter_sections() -> dict[str, str]:
    """A warm first draft for each section, in the current language."""
    return {
        "digital": _(
            "While we rebuild trust, our phones and accounts stay open to each other. "
            "This isn't about checking up on each other forever; it makes honesty easy "
            "to see.\n"
            "- Either of us can ask to see the other's phone, messages or social media, "
            "and the answer is yes, without a sigh.\n"
            "- We don't delete messages or history, and we don't use hidden apps or "
            "second accounts.\n"
            "- If something comes up online that the other would want to know about, "
            "we mention it the same day, before it could be found.\n"
            "We look at this section again at each monthly review and ease it when we "
            "both feel ready."
        ),
        "whereabouts": _(
            "Knowing roughly where the other is helps us both settle.\n"
            "- On Sunday evening we share our plans for the week, including late "
            "nights, trips and social plans.\n"
            "- If plans change, we send a short message before we are late, not after.\n"
            "- Nights away are talked about ahead of time, with a way to reach each "
            "other.\n"
            "- We decide together whether to share locations on our phones, and for "
            "how long."
        ),
        "contact": _(
            "- The involved partner has no contact with the affair partner. If contact "
            "can't be avoided, for example at work, it stays brief and about work only, "
            "and the hurt partner hears about it the same day.\n"
            "- If the affair partner gets in touch, the involved partner doesn't reply "
            "alone; we decide together how to respond, or not to.\n"
            "- Either of us can bring up a friendship that feels unsafe right now, and "
            "we talk about it without it becoming an accusation."
        ),
        "heated_moments": _(
            "Hard conversations are part of healing. We want them to help, not hurt.\n"
            '- Either of us can say "I need a pause." The other respects it, even '
            "mid-sentence.\n"
            "- A pause lasts at least 20 minutes and no longer than a day. Whoever "
            "asked for it says when we'll come back to it.\n"
            "- During a pause we do something calming (a walk, a shower, slow "
            "breathing) rather than rehearsing arguments.\n"
            "- When we come back, each of us starts by saying one thing we heard the "
            "other say.\n"
            "- No name-calling, no threats to leave, and we don't start difficult "
            "talks late at night."
        ),
        "self_care": _(
            "Each of us looks after ourselves too, so we have something to give each "
            "other.\n"
            "- Every week each of us keeps one thing that is just ours: exercise, a "
            "friend, time outside, a hobby.\n"
            "- Each of us has someone outside our relationship to talk to: a friend, "
            "a group or our own therapist.\n"
            "- When one of us is struggling, we say so plainly and ask for what would "
            "help."
        ),
        "therapy": _(
            "- We go to our couples sessions together and on time, and say early if "
            "something gets in the way.\n"
            "- We each do the between-session work we agreed with our therapist.\n"
            "- What is said in individual sessions stays private unless we choose to "
            "share it.\n"
            "- When we feel stuck, we bring it to the next session instead of letting "
            "it sit."
        ),
    }
