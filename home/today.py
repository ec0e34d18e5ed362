"""The couple home ("today"): one calm view of this week and what waits for me.

Each feature answers for itself through its own small function; this module only
gathers them, so the page's query count stays fixed whatever the history length.
"""

from django.utils import timezone

from accounts.models import Membership
from agreements.models import Agreement
from checkins.models import CheckIn
from intensives import progress as intensives_progress
from notices.models import Notice
from pacing.models import gate_for
from practice import progress as practice_progress
from together.services import today_for as together_today
from triggers.models import Trigger

UNREAD_SHOWN = 5


def today_for(membership: Membership) -> dict:
    now = timezone.now()
    couple = membership.couple
    agreement = Agreement.objects.waiting_for(membership)
    triggers_waiting = list(Trigger.objects.waiting_for_reassurance_from(membership)[:3])
    unread = list(Notice.objects.visible_to(membership.user).unread()[:UNREAD_SHOWN])
    gate = gate_for(couple, now)
    return {
        "notices": unread,
        "checkin": CheckIn.objects.status_for(membership, now),
        "tier": gate.tier,
        **agreement,
        "triggers_waiting": triggers_waiting,
        "together": together_today(membership, now),
        "practice": practice_progress.today(membership, now, gate),
        "intensive": intensives_progress.today(membership, now),
        # So no part of the page says "nothing is waiting" next to something that is.
        "waiting_elsewhere": bool(unread or triggers_waiting or any(agreement.values())),
    }
