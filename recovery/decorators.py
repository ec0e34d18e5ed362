"""View decorators shared by the feature apps."""

from functools import wraps

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect


def post_only(page: str):
    """An action that takes POST only, and whose form errors are shown on its page.

    When a form fails validation, the page is shown again with the errors and the
    words as typed, from the action's own URL: that is what the address bar then
    holds. A later visit to that address (reopening the tab, going back to it without
    JavaScript) is a GET, which is sent to the page itself instead of an error. The
    page is named by its URL name and takes the action's own URL arguments, and does
    its own access checks; the redirect reads nothing.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                return view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                return redirect(page, **kwargs)
            return HttpResponseNotAllowed(["POST"])

        wrapper.post_only_page = page
        return wrapper

    return decorator
