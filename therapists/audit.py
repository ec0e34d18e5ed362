"""Every therapist view of a couple goes through `therapist_couple_view`, which
checks access first and then records exactly one audit row for the request."""

from functools import wraps

from django.http import Http404, HttpResponseNotAllowed

from accounts.access import therapist_required

from .access import therapist_couple_or_404
from .models import AuditEntry, TherapistLink


def therapist_couple_view(action: str, methods: tuple[str, ...] = ("GET",)):
    """For views taking `couple_id` from the URL: the view receives the couple instead.

    Access is checked before the method, so without access every URL and method is
    the same 404; a permitted request writes one AuditEntry before the view runs.
    """

    def decorator(view):
        @wraps(view)
        @therapist_required
        def wrapper(request, couple_id, *args, **kwargs):
            try:
                couple = therapist_couple_or_404(request.user, couple_id)
            except Http404:
                if request.method == "GET" and TherapistLink.objects.had_access(
                    request.user, couple_id
                ):
                    from .views import access_ended  # the views module builds on this one

                    return access_ended(request, couple_id)
                raise
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            AuditEntry.record(request.user, [couple.pk], action, request.get_full_path())
            return view(request, couple, *args, **kwargs)

        return wrapper

    return decorator
