import logging
import os

from celery import Celery
from celery.contrib.django.task import DjangoTask
from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery.settings")

logger = logging.getLogger(__name__)


class Task(DjangoTask):
    """Tasks queued when a change commits never turn that change into an error page.

    The change is already saved (and may already be visible to the partner) when the
    task is published, so a broker that refuses it is logged, not raised: answering
    500 would say the change failed and invite a second one.
    """

    def delay_on_commit(self, *args, **kwargs) -> None:
        transaction.on_commit(lambda: self._publish_or_log(args, kwargs))

    def apply_async_on_commit(self, args=None, kwargs=None, **options) -> None:
        transaction.on_commit(lambda: self._publish_or_log(args, kwargs, **options))

    def _publish_or_log(self, args, kwargs, **options) -> None:
        try:
            self.apply_async(args, kwargs, **options)
        except (OperationalError, RedisError) as error:
            # The task's name only: its arguments can include an invitation's token.
            logger.warning("Could not queue %s: %s", self.name, error)


app = Celery("recovery", task_cls=Task)
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
    # Invitations whose email was owed but never queued or sent.
    "owed-invitations": {
        "task": "accounts.tasks.send_owed_invitations",
        "schedule": 120.0,
    },
    "stuck-emails": {
        "task": "accounts.tasks.resolve_stuck_emails",
        "schedule": 300.0,
    },
    # When a pause's time is up, both partners are told.
    "pauses-time-up": {
        "task": "together.tasks.tell_pauses_time_up",
        "schedule": 60.0,
    },
    # A repair still unanswered two days on is mentioned to the partner, once.
    "repairs-unanswered": {
        "task": "repair.tasks.remind_unanswered_repairs",
        "schedule": 900.0,
    },
    # On each couple's sharing day, a discreet reminder to whoever asked for one.
    "plans-reminders": {
        "task": "transparency.tasks.remind_plans",
        "schedule": 900.0,
    },
    # Before a ritual's time, a discreet reminder to whoever asked for one.
    "ritual-reminders": {
        "task": "rituals.tasks.remind_rituals",
        "schedule": 300.0,
    },
    # A flag that appears on a therapist's list of couples tells the therapist, once.
    "therapist-flags": {
        "task": "therapists.tasks.alert_new_flags",
        "schedule": 300.0,
    },
    # The outbox relay's safety net: emails owed by notices whose task was lost.
    "notice-emails": {
        "task": "notices.tasks.deliver_owed_notice_emails",
        "schedule": 60.0,
    },
}
