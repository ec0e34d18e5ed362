"""What the together page and the trigger patterns page show of repairs. Two queries."""

from datetime import datetime

from accounts.models import Membership

from .measure import coming_back
from .models import Repair


def repair_today(membership: Membership, now: datetime) -> dict:
    return {
        "open": Repair.objects.open().of_couple(membership.couple_id).first(),
        "coming_back": coming_back(membership.couple, now),
    }
