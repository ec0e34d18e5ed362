"""After a quick exit, Back must show nothing that names this site.

The quick exit (static/js/app.js) signs out through `leave` as it goes; `leave` sets a
cookie, and while it is there every page this browser asks for without a login (Back,
a reopened tab, the sign-in page itself) is a plain page with no product name, no
"you have signed out" and no `?next=` path. Its one link, "Continue", drops the cookie
and opens the sign-in page.
"""

from http import HTTPStatus

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

# A name that says nothing to someone looking through the browser's cookies.
COOKIE = "q"
# Long enough to cover the rest of a moment of danger; the person can end it sooner.
LIFETIME_SECONDS = 12 * 3600


@login_not_required
@require_POST
def leave(request):
    logout(request)  # quietly: no "you have signed out" waiting for the next page
    response = HttpResponse(status=HTTPStatus.NO_CONTENT)
    response.set_cookie(
        COOKIE,
        "1",
        max_age=LIFETIME_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@login_not_required
@require_GET
def come_back(request):
    response = redirect("account_login")
    response.delete_cookie(COOKIE, samesite="Lax")
    return response


def neutral_after_leaving(get_response):
    """While the cookie is there, a signed-out GET gets the neutral page instead.

    Except the way back in, and what the browser itself asks for, which names nothing
    once the person has left: robots.txt, and the home-screen app's manifest (then
    neutral, see installable/views.py), service worker and offline page.
    """

    def middleware(request):
        if (
            request.COOKIES.get(COOKIE)
            and request.method == "GET"
            and not request.user.is_authenticated
            and request.path not in _unchanged_paths()
        ):
            response = render(request, "neutral.html")
            response["Cache-Control"] = "no-store"
            return response
        return get_response(request)

    return middleware


def _unchanged_paths() -> set[str]:
    return {
        reverse(name)
        for name in (
            "come_back",
            "robots_txt",
            "installable:manifest",
            "installable:service_worker",
            "installable:offline",
        )
    }
