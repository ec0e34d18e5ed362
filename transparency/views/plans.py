from datetime import date, timedelta
from http import HTTPStatus

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import member_required, partner_membership
from checkins import weeks
from recovery.paging import page_of

from ..forms import PlanHabitForm, PlansForm
from ..models import PlanHabit, PlanReminder, TransparencyError, WeekPlan

PER_PAGE = 10
UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY


def _monday(week: str) -> date:
    try:
        day = date.fromisoformat(week)
    except ValueError:
        raise Http404 from None
    if not weeks.is_monday(day):
        raise Http404
    return day


@require_http_methods(["GET", "POST"])
@member_required
def plans(request, membership):
    """Our week's plans: this week and the next, then earlier weeks a page at a time;
    the habit (on or off, shared by which day) and my reminder."""
    habit = PlanHabit.objects.filter(couple_id=membership.couple_id).first()
    habit = habit or PlanHabit(couple_id=membership.couple_id)  # saved on the first choice
    form = PlanHabitForm(request.POST if request.method == "POST" else None, instance=habit)
    if request.method == "POST" and form.is_valid():
        habit.changed_by, habit.changed_at = request.user, tz.now()
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # both partners set it up at the same moment: theirs stays
            messages.info(request, _("Your partner has just set this. Please look and try again."))
            return redirect("transparency:plans")
        messages.success(request, _("Saved. You both see the same choice."))
        return redirect("transparency:plans")
    this_week = weeks.week_start_for(tz.now(), membership.couple.zone)
    visible = WeekPlan.objects.visible_to(membership).select_related("author")
    context = {
        "form": form,
        "habit": habit,
        "this_week": this_week,
        "next_week": this_week + weeks.WEEK,
        "page": page_of(visible, request.GET.get("page"), PER_PAGE),
        "reminder_on": PlanReminder.objects.filter(user=request.user).exists(),
    }
    status = UNPROCESSABLE if form.errors else HTTPStatus.OK
    return render(request, "transparency/plans.html", context, status=status)


@require_http_methods(["GET", "POST"])
@member_required
def plan(request, membership, week):
    week_start = _monday(week)
    mine = WeekPlan.objects.filter(
        couple_id=membership.couple_id, author=request.user, week_start=week_start
    ).first()
    initial = {f"day_{i}": text for i, (_day, text) in enumerate(mine.day_lines())} if mine else {}
    posted = request.POST if request.method == "POST" else None
    form = PlansForm(posted, initial=initial, week_start=week_start)
    if posted is not None and form.is_valid():
        try:
            saved = WeekPlan.save_for(
                membership, week_start, form.days(), share=form.cleaned_data["share"]
            )
        except TransparencyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _saved_message(saved))
            return redirect("transparency:plan", week_start.isoformat())
    return _plan_page(request, membership, week_start, mine, form)


def _saved_message(plan: WeekPlan) -> str:
    if plan.changed_at:
        return _("Changed. Your partner sees what changed.")
    if plan.shared_at:
        return _("Shared with your partner.")
    return _("Saved for you only. Share it when you are ready.")


def _plan_page(request, membership, week_start, mine, form):
    partner = partner_membership(membership)
    theirs = (
        WeekPlan.objects.visible_to(membership)
        .filter(author_id=partner.user_id, week_start=week_start)
        .first()
        if partner
        else None
    )
    this_week = weeks.week_start_for(tz.now(), membership.couple.zone)
    context = {
        "week_start": week_start,
        "week_end": week_start + timedelta(days=6),
        "mine": mine,
        "mine_versions": mine.versions.all() if mine else [],
        "theirs": theirs,
        "theirs_versions": theirs.versions.all() if theirs else [],
        "partner": partner,
        "form": form if week_start >= this_week else None,
        "past_week_errors": form if week_start < this_week and form.errors else None,
    }
    status = UNPROCESSABLE if form.errors else HTTPStatus.OK
    return render(request, "transparency/plan.html", context, status=status)


@require_POST
@member_required
def reminder(request, membership):
    if request.POST.get("on") == "1":
        PlanReminder.objects.get_or_create(user=request.user)
        messages.success(request, _("A discreet reminder will come on your sharing day."))
    else:
        PlanReminder.objects.filter(user=request.user).delete()
        messages.success(request, _("No more reminders."))
    return redirect("transparency:plans")
