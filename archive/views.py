"""The read-only archive of a closed space. Every view reads through
`archive_member_required` (the caller's membership of that closed space, or 404) and
`archive.contents`; there is nothing to write here, so every page is GET only."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.access import archive_member_required

from . import contents


def _render(request, membership, template, **context):
    context = {"membership": membership, "couple": membership.couple, **context}
    return render(request, f"archive/{template}", context)


@require_GET
@archive_member_required
def space(request, membership):
    return _render(request, membership, "space.html")


@require_GET
@archive_member_required
def checkins(request, membership):
    page, weeks = contents.checkin_weeks(membership, request.GET.get("page"))
    return _render(request, membership, "checkins.html", page=page, weeks=weeks)


@require_GET
@archive_member_required
def triggers(request, membership):
    page = contents.triggers(membership, request.GET.get("page"))
    return _render(request, membership, "triggers.html", page=page)


@require_GET
@archive_member_required
def agreement(request, membership):
    page = contents.agreement_versions(membership, request.GET.get("page"))
    return _render(request, membership, "agreement.html", page=page)


@require_GET
@archive_member_required
def questions(request, membership):
    page = contents.questions(membership, request.GET.get("page"))
    return _render(request, membership, "questions.html", page=page)
