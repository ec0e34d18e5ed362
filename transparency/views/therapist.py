"""The therapist's view of a couple's heads-ups and plans: the counts come with the
couple's consent; what they say only when both partners also chose that item."""

from functools import wraps

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone as tz

from checkins import weeks
from recovery.paging import page_of
from therapists.audit import therapist_couple_view
from therapists.models import AuditAction, TherapistLink

from ..models import HeadsUp, WeekPlan

WEEKS_SHOWN = 12
PER_PAGE = 20


def _weekly(couple, now) -> list[dict]:
    this_week = weeks.week_start_for(now, couple.zone)
    first = this_week - weeks.WEEK * (WEEKS_SHOWN - 1)
    heads_ups = HeadsUp.objects.per_week(couple, first)
    plans = WeekPlan.objects.shared_per_week(couple, first)
    return [
        {"week": week, "heads_ups": heads_ups.get(week, 0), "plans": plans.get(week, 0)}
        for week in reversed(weeks.weeks_between(first, this_week))
    ]


@therapist_couple_view(AuditAction.VIEW_TRANSPARENCY)
def therapist_couple(request, couple):
    link = TherapistLink.objects.open().get(couple=couple, therapist=request.user)
    context = {
        "couple": couple,
        "weekly": _weekly(couple, tz.now()),
        "transparent_weeks": WeekPlan.objects.transparent_run(couple, tz.now()),
        "shares_text": link.shares_heads_ups_and_plans(),
    }
    return render(request, "transparency/therapist_couple.html", context)


def heads_ups_item_required(view):
    """The text needs the separate "heads-ups and plans" item of both partners' consent,
    on top of the consent itself (checked, and the view recorded, by the inner view)."""

    @wraps(view)
    def wrapper(request, couple_id, *args, **kwargs):
        link = (
            TherapistLink.objects.with_access().filter(couple_id=couple_id).first()
            if request.user.is_authenticated and request.user.is_therapist
            else None
        )
        if link is None or link.therapist_id != request.user.pk:
            raise Http404
        if not link.shares_heads_ups_and_plans():
            raise Http404
        return view(request, couple_id, *args, **kwargs)

    return wrapper


@heads_ups_item_required
@therapist_couple_view(AuditAction.VIEW_TRANSPARENCY)
def therapist_heads_ups(request, couple):
    link = TherapistLink.objects.open().get(couple=couple, therapist=request.user)
    this_week = weeks.week_start_for(tz.now(), couple.zone)
    heads_ups = HeadsUp.objects.for_therapist(link).listed()
    plans = (
        WeekPlan.objects.for_therapist(link)
        .filter(week_start__gte=this_week)
        .select_related("author")
        .order_by("week_start", "author_id")
    )
    context = {
        "couple": couple,
        "page": page_of(heads_ups, request.GET.get("page"), PER_PAGE),
        "plans": plans,
    }
    return render(request, "transparency/therapist_heads_ups.html", context)
