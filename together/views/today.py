from django.utils import timezone as tz
from django.views.decorators.http import require_GET

from accounts.access import member_required
from intensives import progress as intensives_progress
from practice import progress as practice_progress
from repair.services import repair_today
from rituals import progress as rituals_progress

from ..services import today_for
from ._common import render_tool


@require_GET
@member_required
def today(request, membership):
    now = tz.now()
    context = {
        "today": today_for(membership, now),
        "repair_today": repair_today(membership, now),
        "rituals_today": rituals_progress.today(membership, now),
        "practice_today": practice_progress.today(membership, now),
        "intensive_today": intensives_progress.today(membership, now),
    }
    # The fragment shows the pause itself, so the page adds no second notice.
    return render_tool(request, None, "together/today.html", context)
