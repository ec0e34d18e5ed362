"""The acknowledgement letter: what the export holds and what deletion does (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import Letter, LetterComment, LetterReply

EXPORTS = (
    Export(
        "letters",
        _("Your acknowledgement letter, every version"),
        Letter,
        "author",
        (
            "number",
            "what_i_did",
            "impact",
            "what_i_own",
            "changing",
            "not_asking",
            "created_at",
            "updated_at",
            "ready_at",
            "shared_with_therapist_at",
        ),
        order_by=("number",),
    ),
    Export(
        "letter_replies",
        _("Your answers to a letter"),
        LetterReply,
        "author",
        ("created_at", "updated_at", "text", "shared_at"),
        order_by=("created_at", "pk"),
    ),
    Export(
        "letter_comments",
        _("Comments you left on a letter's draft"),
        LetterComment,
        "therapist",
        ("created_at", "text"),
        order_by=("created_at", "pk"),
        therapists_only=True,
    ),
)

NOT_EXPORTED = {}


def forget(user) -> None:
    """Nothing to do here: the letters a person wrote, their answers and a therapist's
    comments are deleted with their account (on_delete). An answer to a letter stays
    with the one who wrote it when the letter's author deletes theirs (the answer's
    link to the letter is emptied)."""
