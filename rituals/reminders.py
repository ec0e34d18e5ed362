"""The discreet ritual reminder, for whoever asked for one, at their chosen lead time.

Each email is claimed per person, ritual and occurrence by `send_once` (the period
names the ritual and the day), so a retried task or a second beat never sends it
twice; the claim that sends it also puts the reminder in the person's "what's new",
once. A beat missed a little earlier catches up until the ritual's time. Nothing
is sent for a ritual that is paused, ended, or resting because its tier is closed.
"""

from datetime import datetime, timedelta

from accounts.models import EmailKind
from accounts.notifications import send_once
from notices.models import Kind as NoticeKind
from notices.services import notify
from pacing.models import gate_for

from .models import Reminder


def period(ritual_id: int, occurrence) -> str:
    return f"ritual:{ritual_id}:{occurrence.isoformat()}"


def due_occurrence(reminder: Reminder, now: datetime):
    """The occurrence to remind about now: the next one, once its lead time has come."""
    schedule = reminder.ritual.schedule
    day = schedule.next_after(now)
    if day is None:
        return None
    if now < schedule.moment(day) - timedelta(minutes=reminder.lead_minutes):
        return None
    return day


def remind_rituals(now: datetime) -> int:
    reminders = list(
        Reminder.objects.of_going_rituals().select_related(
            "person", "ritual", "ritual__couple", "ritual__exercise"
        )
    )
    gates = {}
    sent = 0
    for reminder in reminders:
        day = due_occurrence(reminder, now)
        if day is None:
            continue
        couple = reminder.ritual.couple
        if couple.pk not in gates:
            gates[couple.pk] = gate_for(couple, now)
        if not reminder.ritual.gate_allows(gates[couple.pk]):
            continue
        key = period(reminder.ritual_id, day)
        if send_once(reminder.person, EmailKind.RITUAL_REMINDER, key, "ritual_reminder"):
            notify(NoticeKind.RITUAL_COMING_UP, [reminder.person_id], reminder.ritual.path)
            sent += 1
    return sent
