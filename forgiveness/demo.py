"""Demo forgiveness space: Sam's private reflections. Nothing is shared: Alex's demo
account has no trace of the space."""

from datetime import timedelta

from django.utils import timezone as tz

from accounts.models import User

from .models import Prompt, Reflection

# (days ago, prompt, text)
REFLECTIONS = [
    (
        20,
        Prompt.WOULD_NOT_MEAN,
        "It wouldn't mean it was okay, or that I stop being careful. "
        "It wouldn't mean I owe anyone closeness.",
    ),
    (
        6,
        Prompt.NEED_FIRST,
        "Months of Alex being straight with me without being asked. "
        "And time. I don't know how much yet.",
    ),
]


def seed(people: dict[str, User]) -> None:
    hurt = people["hurt"]
    if Reflection.objects.filter(author=hurt).exists():
        return
    for days_ago, prompt, text in REFLECTIONS:
        Reflection.objects.create(
            author=hurt, prompt=prompt, text=text, created_at=tz.now() - timedelta(days=days_ago)
        )
