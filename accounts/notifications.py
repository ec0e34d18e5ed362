"""Discreet emails sent at most once per person, kind and period."""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse

from recovery.emails import absolute_url, send_templated_email

from .models import EmailKind, EmailOptOut, InvitationEmailKind, SentEmail, User

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
    record = SentEmail.claim(user, kind, period, new_message_id())
    if record is None:
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
    deliver(record, user.email, template, context, headers, language=user.language)
    return True


def send_once_to_address(
    address: str,
    kind: InvitationEmailKind,
    period: str,
    template: str,
    context=None,
    *,
    language: str,
) -> bool:
    """`send_once` for an address without an account (an invitation): claimed per
    kind and period, where the period names the invitation. The address itself is
    not stored with the claim. Nobody's language is known for it, so it comes in the
    `language` of the person who invited them."""
    record = SentEmail.claim(None, kind, period, new_message_id())
    if record is None:
        return False
    deliver(record, address, template, context or {}, {}, language=language)
    return True


def new_message_id() -> str:
    return make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "localhost")


def deliver(
    record: SentEmail, to: str, template: str, context: dict, headers: dict, *, language: str
) -> None:
    try:
        send_templated_email(
            to,
            template,
            context,
            headers={**headers, "Message-ID": record.message_id},
            language=language,
        )
    except Exception:
        record.release()
        raise
    record.mark_sent()
