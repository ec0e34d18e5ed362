"""A Celery worker killed (SIGKILL) while it holds a claim, mid-way through talking to a
slow mail server: the email goes out at most once, the claim does not stay "sending",
and the invitation is never sent twice, however often its task runs again.

A real worker process (prefork, as in production) on a real Redis the test runs,
a local SMTP server the test runs, and PostgreSQL (the worker is another process, so
the database must be one both can reach)."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role, SentEmail
from accounts.tasks import send_invitation

from ..conftest import celery_broker, client_for, require
from ..smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db(transaction=True)

LONGER_THAN_ANY_TASK = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + timedelta(minutes=2)


@pytest.fixture
def broker(local_redis):
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")
    with celery_broker(local_redis.url):
        yield local_redis


@pytest.fixture
def slow_mail_server():
    with SmtpSink(hold_data_answer=True) as sink:
        yield sink


class Worker:
    """`celery -A recovery worker` as production runs it, in its own process group."""

    def __init__(self, broker_url: str, smtp_port: int, log: Path):
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": (
                f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
                f":{db['PORT'] or 5432}/{db['NAME']}"
            ),
            "REDIS_URL": broker_url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "0",
        }
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "recovery", "worker", "--concurrency", "1"]
            + ["--loglevel", "INFO", "--without-gossip", "--without-mingle"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_for_log("ready.")

    def wait_for_log(self, text: str, count: int = 1, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while self.log.read_text().count(text) < count:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"worker never logged {text!r}:\n{self.log.read_text()}")
            time.sleep(0.1)

    def pool_process(self) -> int:
        """The pid of the one pool process that runs tasks."""
        tasks = Path(f"/proc/{self.process.pid}/task")
        children = " ".join((task / "children").read_text() for task in tasks.iterdir())
        (child,) = children.split()
        return int(child)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)


@pytest.fixture
def worker(broker, slow_mail_server, tmp_path):
    worker = Worker(broker.url, slow_mail_server.port, tmp_path / "worker.log")
    yield worker
    worker.stop()


def test_a_worker_killed_mid_send_never_sends_the_invitation_twice(worker, slow_mail_server, loner):
    inviter = client_for(loner)
    inviter.post(reverse("start_couple"), {"role": Role.HURT})
    inviter.post(reverse("invite_partner"), {"email": "pat@example.test"})
    assert slow_mail_server.data_received.wait(30), "the invitation never reached the server"

    # The mail server has the message and has not answered yet: the worker holds the claim.
    claim = SentEmail.objects.get()
    assert claim.status == SentEmail.Status.SENDING
    os.kill(worker.pool_process(), signal.SIGKILL)
    worker.wait_for_log("exited with 'signal 9 (SIGKILL)'")
    # Acknowledged late, the task is delivered again to a fresh pool process, which
    # finds the claim taken and sends nothing.
    worker.wait_for_log("] received", count=2)
    worker.wait_for_log("succeeded in")
    slow_mail_server.release.set()

    swept = SentEmail.resolve_stuck(timezone.now() + LONGER_THAN_ANY_TASK)
    claim.refresh_from_db()
    assert swept == 1
    assert claim.status == SentEmail.Status.INTERRUPTED

    # Later runs of the same invitation's task (a retry, a duplicate) send nothing either.
    send_invitation.delay(Invitation.objects.get().pk, "the-same-token")
    worker.wait_for_log("succeeded in", count=2)
    claim.refresh_from_db()
    assert claim.status == SentEmail.Status.INTERRUPTED
    assert [m["Message-ID"] for m in slow_mail_server.messages] == [claim.message_id]
