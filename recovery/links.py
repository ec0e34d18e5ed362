from collections.abc import Callable

from django.urls import reverse

# The couple's own tools that a therapist's plan can point to (a practice's focus, an
# intensive's step), by the name both use for them: one place to say where each lives.
COUPLE_TOOLS = {
    "ritual": "rituals:index",
    "repair": "repair:list",
    "checkin": "checkins:this_week",
    "letter": "acknowledgement:index",
}


def url_maker(name: str, placeholder) -> Callable[[object], str]:
    """Links to one view for many rows, reversed once and then filled in: on a long
    list, reverse() for each row costs more than the rest of the row."""
    pattern = reverse(name, args=[placeholder])
    return lambda value: pattern.replace(str(placeholder), str(value))
