"""What a phone needs to put the app on its home screen and open it on its own.

The manifest follows the person's discreet setting (a neutral name and icon). The
service worker keeps only static files and the neutral offline page: never a signed-in
page, never a response marked `no-store` (installable/templates/installable/sw.js).
"""

import hashlib
import json

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.quick_exit import COOKIE as LEFT_COOKIE

# Static files kept from the first visit, so the offline page has its look.
PRECACHE = ("css/app.css", "js/app.js", "img/icon.svg", "img/notes.svg")


def is_discreet(request) -> bool:
    """Signed in with the discreet setting, or just after a quick exit."""
    user = request.user
    if user.is_authenticated:
        return user.discreet_title
    return bool(request.COOKIES.get(LEFT_COOKIE))


def _icons(prefix: str) -> list[dict]:
    return [
        {"src": static(f"img/{prefix}-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static(f"img/{prefix}-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static(f"img/{prefix}-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]


@login_not_required
@require_GET
def manifest(request):
    home = reverse("home")
    data = {
        # The same id either way: switching the discreet setting renames the installed
        # app rather than making a second one.
        "id": home,
        "start_url": home,
        "scope": home,
        "display": "standalone",
        "lang": request.LANGUAGE_CODE,
    }
    if is_discreet(request):
        data |= {
            "name": _("Notes"),
            "short_name": _("Notes"),
            "icons": _icons("notes"),
            "background_color": "#e9e6dc",
            "theme_color": "#e9e6dc",
        }
    else:
        data |= {
            "name": "Common Ground",
            "short_name": "Common Ground",
            "description": _(
                "A calm, private space for two people to keep their weekly notes and plans."
            ),
            "icons": _icons("icon"),
            "background_color": "#ffffff",
            "theme_color": "#2a6560",
        }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


def _version(precache: list[str]) -> str:
    source = get_template("installable/sw.js").template.source
    return hashlib.sha256("\n".join([source, *precache]).encode()).hexdigest()[:12]


@login_not_required
@require_GET
def service_worker(request):
    precache = [static(name) for name in PRECACHE]
    config = {
        "version": _version(precache),
        "staticPrefix": static(""),
        "precache": precache,
        "offlineUrl": reverse("installable:offline"),
        "newsUrl": reverse("notices:inbox"),
        # Neutral, and the same for everyone: the worker is not per person.
        "pushTitle": _("You have something new"),
    }
    response = render(
        request,
        "installable/sw.js",
        {"config": json.dumps(config)},
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_GET
def offline(request):
    """Shown by the service worker when the phone has no connection: names nothing,
    holds nothing of anyone's, so it is the one page it may keep."""
    response = render(request, "installable/offline.html")
    response.public_and_neutral = True  # accounts.middleware.private_pages: may be kept
    response["Cache-Control"] = "no-cache"
    return response
