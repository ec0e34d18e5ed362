"""Creating notices inside the act's transaction, and delivering the emails they owe.

Feature apps call `notify` (or `notify_partner`) from their domain methods, inside the
transaction that makes the item visible to the recipient. The notice row is the
outbox: when the transaction commits, a relay task is queued to send the email; if
queuing fails (the broker is down), the periodic sweep sends it later. The act itself
never fails because a notice could not be queued.
"""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone as tz

from accounts import push
from accounts.models import Membership, User
from accounts.notifications import send_once

from .models import (
    EMAILS,
    MAX_EMAIL_ATTEMPTS,
    PUSH_KINDS,
    Kind,
    Notice,
    email_period,
    retry_delay,
)
from .tasks import deliver_notice_email, deliver_notice_push

logger = logging.getLogger(__name__)

SWEEP_BATCH = 200


def notify(kind: Kind, recipient_ids: Iterable[int], path: str) -> list[Notice]:
    """Tell each recipient that `kind` happened to the item at `path` (never what anyone
    wrote). Call it inside the transaction that makes the item visible to them."""
    now = tz.now()
    owes_email = kind in EMAILS
    notices = Notice.objects.bulk_create(
        Notice(
            recipient_id=recipient_id,
            kind=kind,
            path=path,
            created_at=now,
            email_state=Notice.Email.OWED if owes_email else Notice.Email.NONE,
            email_due_at=now if owes_email else None,
        )
        for recipient_id in dict.fromkeys(recipient_ids)
    )
    ids = [notice.pk for notice in notices]
    if owes_email and ids:
        transaction.on_commit(lambda: _publish(ids))
    if push.enabled() and ids:
        transaction.on_commit(lambda: _publish_push(ids))
    return notices


def partner_ids(membership: Membership) -> list[int]:
    """The other active partner of this member's open couple space (none or one)."""
    return list(
        Membership.objects.active()
        .filter(couple_id=membership.couple_id, couple__ended_at__isnull=True)
        .exclude(user_id=membership.user_id)
        .values_list("user_id", flat=True)
    )


def member_ids(couple_id: int, exclude: int | None = None) -> list[int]:
    members = Membership.objects.active().filter(couple_id=couple_id, couple__ended_at__isnull=True)
    if exclude is not None:
        members = members.exclude(user_id=exclude)
    return list(members.values_list("user_id", flat=True))


def notify_partner(membership: Membership, kind: Kind, path: str) -> list[Notice]:
    return notify(kind, partner_ids(membership), path)


def _publish(notice_ids: list[int]) -> None:
    for notice_id in notice_ids:
        try:
            deliver_notice_email.delay(notice_id)
        except Exception:
            # The notice is saved and its email owed: the sweep will deliver it.
            logger.warning("Could not queue the email of notice %s; the sweep will.", notice_id)


def _publish_push(notice_ids: list[int]) -> None:
    for notice_id in notice_ids:
        try:
            deliver_notice_push.delay(notice_id)
        except Exception:
            # A notification is a courtesy: the notice waits in the app either way.
            logger.warning("Could not queue the notification of notice %s.", notice_id)


def deliver_push(notice_id: int) -> push.Outcome:
    """Tell the recipient's devices that something waits, at most once per device,
    kind and hour, and only while the notice is unread. Nothing anyone wrote goes out;
    the kind's neutral label only for a person who chose "show what it's about"."""
    notice = (
        Notice.objects.unread()
        .select_related("recipient")
        .filter(pk=notice_id)
        .only("kind", "created_at", "recipient")
        .first()
    )
    if notice is None:
        return push.Outcome()
    kind = Kind(notice.kind)
    recipient = notice.recipient
    # Lazy: the label is written in the recipient's language (`push.payload`).
    about = kind.label if recipient.push_shows_kind else ""
    return push.push_once(
        recipient, PUSH_KINDS[kind], notice.kind, email_period(notice.created_at), about
    )


def deliver_email(notice_id: int, now: datetime | None = None) -> bool:
    """Send the email a notice owes, at most once per kind, person and hour.

    The notice is claimed by moving its next attempt into the future, so the relay task
    and the sweep never work on it together; a failure leaves it owed for that attempt.
    Returns True when the notice no longer owes an email.
    """
    now = now or tz.now()
    notice = (
        Notice.objects.emails_due(now)
        .select_related("recipient")
        .filter(pk=notice_id)
        .only("pk", "kind", "created_at", "email_attempts", "recipient")
        .first()
    )
    if notice is None:
        return False
    attempts = notice.email_attempts + 1
    claimed = (
        Notice.objects.emails_due(now)
        .filter(pk=notice.pk, email_attempts=notice.email_attempts)
        .update(email_attempts=attempts, email_due_at=now + retry_delay(attempts))
    )
    if not claimed:
        return False
    email_kind, template = EMAILS[Kind(notice.kind)]
    try:
        send_once(notice.recipient, email_kind, email_period(notice.created_at), template)
    except Exception:
        logger.warning("The email of notice %s failed (attempt %s).", notice.pk, attempts)
        if attempts >= MAX_EMAIL_ATTEMPTS:
            Notice.objects.filter(pk=notice.pk).update(email_state=Notice.Email.FAILED)
        return False
    # Sent, or already sent this hour for this kind (one email covers both), or the
    # person turned this kind off: nothing is owed any more.
    Notice.objects.filter(pk=notice.pk).update(email_state=Notice.Email.DONE)
    return True


def deliver_owed_emails(now: datetime | None = None) -> int:
    """The sweep: every owed email whose time has come, a batch at a time."""
    now = now or tz.now()
    delivered = 0
    while True:
        due = list(
            Notice.objects.emails_due(now)
            .order_by("email_due_at")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        if not due:
            return delivered
        delivered += sum(deliver_email(notice_id, now) for notice_id in due)


def mark_all_read(user: User) -> int:
    return Notice.objects.visible_to(user).mark_read()


def settle(kind: Kind, path: str) -> int:
    """What a notice asked for no longer waits (withdrawn, a mind changed): its unread
    notices of that kind are read, so nobody is asked about something that is gone."""
    return Notice.objects.filter(kind=kind, path=path).mark_read()
