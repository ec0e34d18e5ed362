import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery.settings")

app = Celery("recovery")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The whole schedule, in one place. Jobs run often and each finds what is due,
# so nothing waits in the broker for long and a missed run simply catches up.
app.conf.beat_schedule = {
    "checkin-reminders": {
        "task": "checkins.tasks.scan_checkin_reminders",
        "schedule": 300.0,
    },
    "agreement-reviews": {
        "task": "agreements.tasks.open_reviews_and_remind",
        "schedule": 900.0,
    },
    # When a pause's time is up, both partners are told.
    "pauses-time-up": {
        "task": "together.tasks.tell_pauses_time_up",
        "schedule": 60.0,
    },
    # The outbox relay's safety net: emails owed by notices whose task was lost.
    "notice-emails": {
        "task": "notices.tasks.deliver_owed_notice_emails",
        "schedule": 60.0,
    },
}
