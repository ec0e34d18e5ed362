"""Heads-ups and plans: what the export holds and what deletion does (see
recovery/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from recovery.personal_data import Export

from .models import (
    HeadsUp,
    HeadsUpVersion,
    PlanHabit,
    PlanReminder,
    Telling,
    WeekPlan,
    WeekPlanVersion,
)

EXPORTS = (
    Export(
        "heads_ups",
        _("Heads-ups you gave"),
        HeadsUp,
        "author",
        ("happened_at", "kind", "section", "line", "created_at", "edited_at", "acknowledged_at"),
        order_by=("happened_at", "pk"),
    ),
    Export(
        "heads_up_versions",
        _("Earlier texts of your heads-ups"),
        HeadsUpVersion,
        "author",
        ("written_at", "kind", "section", "happened_at", "line"),
        order_by=("written_at", "pk"),
    ),
    Export(
        "week_plans",
        _("Your week's plans"),
        WeekPlan,
        "author",
        ("week_start", "days", "shared_at", "changed_at"),
        order_by=("week_start",),
    ),
    Export(
        "week_plan_versions",
        _("Earlier versions of your week's plans"),
        WeekPlanVersion,
        "author",
        ("plan__week_start", "written_at", "days"),
        order_by=("written_at", "pk"),
    ),
    Export(
        "tellings",
        _("What you offered to tell your partner"),
        Telling,
        "author",
        ("created_at", "text", "for_session", "opened_at"),
        order_by=("created_at", "pk"),
    ),
)

NOT_EXPORTED = {
    PlanHabit: "a setting the couple share (plans on or off, and the sharing day); "
    "nobody wrote anything in it",
    PlanReminder: "only records that this person asked for a reminder; it holds no words "
    "and ends with the account",
}


def forget(user) -> None:
    """Nothing to do here: the person's heads-ups (with their earlier texts and the
    links to questions), plans and reminder are deleted with their account, and the
    couple's plan habit forgets who last set it (all by on_delete)."""
