"""Discreet emails sent at most once per person, kind and period."""

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from recovery.emails import absolute_url, send_templated_email

from .models import EmailKind, EmailOptOut, SentEmail, User

_UNSUBSCRIBE_SALT = "accounts.unsubscribe"


def unsubscribe_token(user: User, kind: EmailKind) -> str:
    return signing.dumps([user.pk, str(kind)], salt=_UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, EmailKind] | None:
    try:
        user_id, kind = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
        return int(user_id), EmailKind(kind)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def wants(user: User, kind: EmailKind) -> bool:
    return not EmailOptOut.objects.filter(user=user, kind=kind).exists()


def send_once(user: User, kind: EmailKind, period: str, template: str, context=None) -> bool:
    """Claim the (person, kind, period) row, then send. Returns True if this call sent it.

    A failed send releases the claim so a retry can try again; a worker killed
    mid-send leaves the claim in place, so nobody ever gets the email twice.
    """
    if not user.is_active or not wants(user, kind):
        return False
    record, _ = SentEmail.objects.get_or_create(user=user, kind=kind, period=period)
    claimed = SentEmail.objects.filter(pk=record.pk, status=SentEmail.Status.FAILED).update(
        status=SentEmail.Status.SENDING, claimed_at=timezone.now()
    )
    if not claimed:
        return False
    unsubscribe_url = absolute_url(reverse("unsubscribe", args=[unsubscribe_token(user, kind)]))
    context = {
        "app_url": absolute_url(reverse("home")),
        "settings_url": absolute_url(reverse("notification_settings")),
        "unsubscribe_url": unsubscribe_url,
        **(context or {}),
    }
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    try:
        send_templated_email(user.email, template, context, headers=headers)
    except Exception:
        SentEmail.objects.filter(pk=record.pk).update(status=SentEmail.Status.FAILED)
        raise
    SentEmail.objects.filter(pk=record.pk).update(
        status=SentEmail.Status.SENT, sent_at=timezone.now()
    )
    return True
