"""Every therapist view of a couple goes through `therapist_couple_view`, which
checks access first and then records exactly one audit row for the request."""

from functools import wraps

from django.http import HttpResponseNotAllowed

from accounts.access import therapist_required

from .access import therapist_couple_or_404
from .models import AuditEntry


def therapist_couple_view(action: str, methods: tuple[str, ...] = ("GET",)):
    """For views taking `couple_id` from the URL: the view receives the couple instead.

    Access is checked before the method, so without access every URL and method is
    the same 404; a permitted request writes one AuditEntry before the view runs.
    """

    def decorator(view):
        @wraps(view)
        @therapist_required
        def wrapper(request, couple_id, *args, **kwargs):
            couple = therapist_couple_or_404(request.user, couple_id)
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            AuditEntry.record(request.user, [couple.pk], action, request.get_full_path())
            return view(request, couple, *args, **kwargs)

        return wrapper

    return decorator
