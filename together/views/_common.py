from functools import wraps
from http import HTTPStatus

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone as tz
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.access import active_membership
from accounts.models import Membership

from ..services import pause_notice

UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY


def render_tool(
    request, membership: Membership | None, template: str, context: dict, status=HTTPStatus.OK
):
    """Render a page of the tools, with the couple's pause (if any) shown at the top."""
    notice = pause_notice(membership, tz.now()) if membership else None
    return render(request, template, {"notice": notice, **context}, status=status)


def posted(request):
    """The form data of a POST (even an empty one), or None for a GET."""
    return request.POST if request.method == "POST" else None


def status_for(form) -> HTTPStatus:
    return UNPROCESSABLE if form.is_bound and form.errors else HTTPStatus.OK


def redirect_back(request, fallback: str, *args):
    """Back to the page a form was sent from (our own pages only), else to `fallback`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback, *args)


def personal(view):
    """For things that belong to a person, not to the couple (journal, self-care plan).

    Anyone signed in has their own; a therapist account has none. The view gets the
    caller's active membership, or None (someone whose couple space has ended keeps
    their journal).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_therapist:
            raise Http404
        return view(request, active_membership(request.user), *args, **kwargs)

    return wrapper
