"""Gentle weekly prompts for the self-care plan. Plain Python."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

PROMPTS = [
    _("This week, which part of your plan felt easiest? Could it have a little more room?"),
    _("Is there one person you could reach out to this week, just to talk?"),
    _("How has your sleep been? Rest is part of healing, not a reward for it."),
    _("What kind of movement would feel good to your body this week?"),
    _("Is there something you'd like to bring to your own therapy this week?"),
    _("Your plan can change as you do. Does it still fit you?"),
]


def weekly_prompt(now: datetime, zone: ZoneInfo) -> str:
    """The same prompt all week long, a different one the next week."""
    year, week, _weekday = now.astimezone(zone).isocalendar()
    return PROMPTS[(year * 53 + week) % len(PROMPTS)]
