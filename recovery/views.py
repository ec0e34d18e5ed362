"""Error pages that say only what is true."""

import logging
import sys

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# Form fields never shown back: credentials and the CSRF token.
_NOT_SHOWN = ("csrfmiddlewaretoken", "password", "token", "code")


def is_database_timeout(error: BaseException | None) -> bool:
    """A statement or lock wait over its limit (PostgreSQL), or the local SQLite
    demo still busy after its timeout: the database is slow, not broken."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) in {"57014", "55P03"} or "database is locked" in str(
        error
    )


def server_error(request, template_name="500.html"):
    """Django's 500 handler, except for a database timeout: a calm 503 that asks to
    try again shortly and hands back what the person typed, since it was not saved."""
    error = sys.exc_info()[1]
    if not is_database_timeout(error):
        return defaults.server_error(request, template_name)
    typed = [
        value
        for name, value in request.POST.items()
        if value.strip() and not any(word in name for word in _NOT_SHOWN)
    ]
    # Rendered without the request: its context processors would query the busy database.
    body = render_to_string("503.html", {"typed": typed, "quick_exit_url": settings.QUICK_EXIT_URL})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
