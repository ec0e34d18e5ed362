"""Every therapist view of a couple goes through `therapist_couple_view`, which
checks access first and then records exactly one audit row for the request."""

from functools import wraps
from http import HTTPStatus

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render

from accounts.access import therapist_required

from .access import therapist_couple_or_404
from .models import AuditEntry, TherapistLink, TherapistProfile


def verified_therapist_required(view):
    """Where the installation works only with verified therapists, a therapist whose
    licence is not verified yet is told so (403) instead of seeing any couple."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not TherapistProfile.may_work_as(request.user):
            profile = TherapistProfile.objects.filter(user=request.user).first()
            return render(
                request,
                "therapists/not_verified.html",
                {"profile": profile},
                status=HTTPStatus.FORBIDDEN,
            )
        return view(request, *args, **kwargs)

    return wrapper


def therapist_couple_view(action: str, methods: tuple[str, ...] = ("GET",)):
    """For views taking `couple_id` from the URL: the view receives the couple instead.

    Access is checked before the method, so without access every URL and method is
    the same 404; a permitted request writes one AuditEntry before the view runs.
    """

    def decorator(view):
        @wraps(view)
        @therapist_required
        @verified_therapist_required
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
