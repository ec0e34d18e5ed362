import time
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

_STARTED = "session_started_at"
_SEEN = "session_seen_at"
# Rewrite the activity stamp at most this often, to spare a session write per request.
_SEEN_GRANULARITY = 60
# Sent by the page's own timed refreshes (templates mark them with hx-headers). They are
# not someone at the screen: an open tab left on a shared computer must still time out.
BACKGROUND_HEADER = "X-Background-Refresh"

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def session_limits(get_response):
    """End a login after a spell of inactivity, and after its absolute lifetime."""

    def middleware(request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(_STARTED, now)
            seen = request.session.get(_SEEN, now)
            idle = now - seen > settings.SESSION_IDLE_SECONDS
            too_old = now - started > settings.SESSION_COOKIE_AGE
            if idle or too_old:
                logout(request)
                messages.info(request, _("You were signed out to keep your space private."))
                return redirect_to_login(request.get_full_path())
            if BACKGROUND_HEADER in request.headers and _SEEN in request.session:
                return get_response(request)
            if now - seen >= _SEEN_GRANULARITY or _SEEN not in request.session:
                request.session[_SEEN] = now
        return get_response(request)

    return middleware


def private_pages(get_response):
    """Signed-in pages must never be kept by a shared browser or a proxy."""

    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Every page, the sign-in page too: Back after a quick exit must ask the server
        # again (and get the neutral page) rather than show a copy from memory. The one
        # exception is the neutral offline page, which the service worker keeps
        # (installable/views.py): it holds nothing of anyone's.
        if not getattr(response, "public_and_neutral", False):
            response["Cache-Control"] = "no-store"
        if request.user.is_authenticated:
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return middleware


def personal_language(get_response):
    """Signed-in pages in the person's own language; signed-out pages keep the one
    LocaleMiddleware chose from the browser's Accept-Language."""

    def middleware(request):
        if request.user.is_authenticated and request.user.language != request.LANGUAGE_CODE:
            translation.activate(request.user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return get_response(request)

    return middleware


def local_time(get_response):
    """Show, and read from forms, dates and times in the signed-in person's own time zone."""

    def middleware(request):
        if not request.user.is_authenticated:
            return get_response(request)
        with timezone.override(request.user.zone):
            return get_response(request)

    return middleware


def htmx_messages(get_response):
    """Messages added while answering an htmx request reach the page's live region.

    A fragment has no room for messages, so they are appended as an out-of-band swap
    into #messages (templates/_messages_oob.html), where screen readers announce them
    and sighted people see a toast. Full pages show them as usual; redirects and
    refreshes leave them for the next page.
    """

    def middleware(request):
        response = get_response(request)
        if not _is_fragment(request, response):
            return response
        storage = messages.get_messages(request)
        if storage.used or not len(storage):
            return response
        response.content += render_to_string(
            "_messages_oob.html", {"messages": list(storage)}, request=request
        ).encode(response.charset)
        return response

    return middleware


def _is_fragment(request, response) -> bool:
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.boosted or response.streaming:
        return False
    if response.status_code >= 300 and response.status_code != HTTPStatus.UNPROCESSABLE_ENTITY:
        return False
    if any(header in response for header in ("HX-Redirect", "HX-Refresh", "HX-Location")):
        return False
    return response.get("Content-Type", "").startswith("text/html")
