"""The couple home ("today"): one calm view of this week and what waits for me.

Each feature answers for itself through its own small function; this module only
gathers them, so the page's query count stays fixed whatever the history length.
"""

from django.utils import timezone

from accounts.models import Membership
from agreements.models import Agreement
from checkins.models import CheckIn
from pacing.models import gate_for
from together.services import today_for as together_today
from triggers.models import Trigger


def today_for(membership: Membership) -> dict:
    now = timezone.now()
    couple = membership.couple
    return {
        "checkin": CheckIn.objects.status_for(membership, now),
        "tier": gate_for(couple, now).tier,
        **Agreement.objects.waiting_for(membership),
        "triggers_waiting": list(Trigger.objects.waiting_for_reassurance_from(membership)[:3]),
        "together": together_today(membership, now),
    }
