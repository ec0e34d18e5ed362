import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

_STARTED = "session_started_at"
_SEEN = "session_seen_at"
# Rewrite the activity stamp at most this often, to spare a session write per request.
_SEEN_GRANULARITY = 60

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
            if now - seen >= _SEEN_GRANULARITY or _SEEN not in request.session:
                request.session[_SEEN] = now
        return get_response(request)

    return middleware


def private_pages(get_response):
    """Signed-in pages must never be kept by a shared browser or a proxy."""

    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response

    return middleware
