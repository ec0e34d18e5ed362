"""Notifications on people's devices, through the standard Web Push protocol.

A notification carries no content at all: a neutral title ("You have something new",
or "Notes" with the discreet setting), and an empty body, unless the person chose
"show what it's about", when the body is the neutral name of the kind of thing that
waits. Never anything anyone wrote. Each device gets a notification at most once per
kind of thing and period, through the same claim as emails (`SentEmail.claim`).
"""

import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _

from .models import PUSH_CLAIM, PushDevice, PushKind, PushOptOut, SentEmail, User

logger = logging.getLogger(__name__)

# The push service says the browser took back its subscription: the device goes.
GONE = frozenset({404, 410})
TIMEOUT_SECONDS = 10
# A phone that is off for longer finds the notice in the app (and the email if chosen).
TIME_TO_LIVE_SECONDS = 24 * 3600
# Push services keep only the latest undelivered message with the same topic, so a
# phone that was off shows one notification, not a pile of them.
HEADERS = {"Urgency": "normal", "Topic": "news"}


class DeviceGone(Exception):
    pass


@dataclass
class Outcome:
    sent: int = 0
    removed: int = 0
    failed: int = 0


def enabled() -> bool:
    """Push is on only on an installation with VAPID keys (settings say all or none)."""
    return bool(settings.VAPID_PRIVATE_KEY)


def wants(user: User, kind: PushKind) -> bool:
    return not PushOptOut.objects.filter(user=user, kind=kind).exists()


def payload(user: User, about: str = "") -> dict[str, str]:
    """What the service worker shows (templates/installable/sw.js), in the person's
    language. `about` is a kind's neutral label, given only when the person chose to
    see it."""
    with translation.override(user.language):
        about = str(about)
        if user.discreet_title:
            return {"title": _("Notes"), "body": about, "icon": static("img/notes-192.png")}
        title = _("You have something new")
        return {"title": title, "body": about, "icon": static("img/icon-192.png")}


def push_once(user: User, kind: PushKind, topic: str, period: str, about: str = "") -> Outcome:
    """Notify each of the person's devices, once per device, `topic` and `period`.

    A device whose push service answers 404 or 410 is removed; any other failure is
    logged and releases that device's claim, so a retry may send it again.
    """
    outcome = Outcome()
    if not enabled() or not user.is_active or not wants(user, kind):
        return outcome
    data = json.dumps(payload(user, about), ensure_ascii=False)
    for device in PushDevice.objects.visible_to(user):
        record = SentEmail.claim(user, PUSH_CLAIM, f"{topic}@{device.pk}:{period}", "")
        if record is None:
            continue
        try:
            send(device, data)
        except DeviceGone:
            record.release()
            device.delete()
            outcome.removed += 1
        except Exception as error:
            record.release()
            # Never the endpoint (it is the address of someone's phone) nor the answer.
            status = getattr(getattr(error, "response", None), "status_code", None)
            logger.warning("Notification to device %s failed (%s).", device.pk, status or "")
            outcome.failed += 1
        else:
            record.mark_sent()
            outcome.sent += 1
    return outcome


def send(device: PushDevice, data: str) -> None:
    # Imported here: only the worker that sends needs it (and the HTTP clients it loads).
    from pywebpush import WebPushException, webpush

    subscription = {
        "endpoint": device.endpoint,
        "keys": {"p256dh": device.p256dh, "auth": device.auth},
    }
    try:
        webpush(
            subscription,
            data=data,
            vapid_private_key=settings.VAPID_PRIVATE_KEY,
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            content_encoding="aes128gcm",
            ttl=TIME_TO_LIVE_SECONDS,
            timeout=TIMEOUT_SECONDS,
            headers=HEADERS,
        )
    except WebPushException as error:
        if getattr(error.response, "status_code", None) in GONE:
            raise DeviceGone from error
        raise


_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("FxiOS", "Firefox"),
    ("Firefox/", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
)


def device_name(user_agent: str) -> str:
    """A name a person recognises their device by, e.g. "Firefox on Android"."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("A browser")
