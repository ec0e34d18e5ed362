"""Building letters the way people do: written, marked ready, chosen."""

from acknowledgement.models import STEPS, Letter


def words(mark: str) -> dict:
    return {name: f"{mark}-{name}" for name in STEPS}


def ready_letter(alex, mark: str = "LETTER") -> Letter:
    letter = Letter.save_draft(alex, words(mark), Letter.next_number(alex))
    letter.mark_ready(alex)
    return letter
