from datetime import date
from http import HTTPStatus

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRefresh

from accounts.access import member_required, partner_membership
from accounts.hints import offer_gentle_hint
from recovery.decorators import post_only
from triggers.models import Trigger

from . import weeks
from .forms import AnswerForm, SharedNoteForm
from .history import history_for
from .models import TEXT_FIELDS, Answer, CheckIn, CheckInError, StaleEdit

PAGE = "checkins/week.html"


def _checkin_or_404(membership, week: str) -> CheckIn:
    try:
        week_start = date.fromisoformat(week)
    except ValueError:
        raise Http404 from None
    checkin = None
    if weeks.is_monday(week_start):
        checkin = CheckIn.objects.answerable_week(membership.couple, week_start)
    if checkin is None:
        raise Http404
    return checkin


def _week_context(membership, checkin, **extra) -> dict:
    partner = partner_membership(membership)
    visible = {
        a.author_id: a for a in Answer.objects.visible_to(membership).filter(checkin=checkin)
    }
    submitted = checkin.submitted_author_ids()
    mine = visible.get(membership.user_id)
    context = {
        "membership": membership,
        "partner": partner,
        "checkin": checkin,
        "mine": mine,
        "theirs": visible.get(partner.user_id) if partner else None,
        "you_submitted": membership.user_id in submitted,
        "partner_submitted": bool(submitted - {membership.user_id}),
        "is_open": checkin.is_open(),
        "is_late": checkin.is_late(),
    }
    if checkin.is_revealed:
        context["checkin_triggers"] = _triggers_brought_to(checkin, membership)
    # Each form only where the page shows it: answering while open, the joint note after.
    answering = context["is_open"] and not context["you_submitted"] and not checkin.is_revealed
    if answering and "answer_form" not in extra:
        draft = {name: getattr(mine, name) for name in Answer.EDITABLE} if mine else {}
        context["answer_form"] = AnswerForm(initial=draft, asks_heads_up=membership.is_hurt)
    if checkin.is_revealed and "shared_form" not in extra:
        shared = {"joint_note": checkin.joint_note, "next_step": checkin.next_step}
        context["shared_form"] = SharedNoteForm(initial=shared | {"revision": checkin.revision})
    return context | extra


def _triggers_brought_to(checkin, membership):
    """Entries marked "bring to the check-in" for this week, as this member may see
    them; the reveal in `CheckIn.submit` shared them with the partner."""
    entries = Trigger.objects.for_checkin_week(checkin.couple, checkin.week_start, checkin.last_day)
    return entries.visible_to(membership)


def _week_url(checkin) -> str:
    return reverse("checkins:week", kwargs={"week": checkin.week_start.isoformat()})


@require_GET
@member_required
def this_week(request, membership):
    checkin = CheckIn.objects.current_for(membership.couple)
    catch_up = CheckIn.objects.late_week_for(membership)
    return render(request, PAGE, _week_context(membership, checkin, catch_up=catch_up))


@require_GET
@member_required
def week(request, membership, week):
    checkin = _checkin_or_404(membership, week)
    return render(request, PAGE, _week_context(membership, checkin))


@require_GET
@member_required
def status(request, membership, week):
    """Polled while waiting for the partner; reloads the page once both have shared."""
    checkin = _checkin_or_404(membership, week)
    if not request.htmx:
        return redirect(_week_url(checkin))
    if checkin.is_revealed:
        return HttpResponseClientRefresh()
    return render(request, f"{PAGE}#partner_status", _week_context(membership, checkin))


@post_only(page="checkins:week")
@member_required
def save_answer(request, membership, week):
    checkin = _checkin_or_404(membership, week)
    submitting = request.POST.get("action") == "submit"
    form = AnswerForm(request.POST, submitting=submitting, asks_heads_up=membership.is_hurt)
    if form.is_valid():
        save = checkin.submit if submitting else checkin.save_draft
        try:
            save(request.user, form.cleaned_data)
        except CheckInError as error:
            form.add_error(None, str(error))
    if form.errors:
        template = f"{PAGE}#save_status" if request.htmx else PAGE
        context = _week_context(membership, checkin, answer_form=form)
        return render(request, template, context, status=HTTPStatus.UNPROCESSABLE_ENTITY)
    if request.htmx:
        return render(request, f"{PAGE}#save_status", {"saved_at": tz.now()})
    if submitting:
        messages.success(request, _("Thank you. Your answers are shared."))
    else:
        messages.success(request, _("Draft saved. Only you can see it."))
    offer_gentle_hint(request, *(form.cleaned_data[name] for name in TEXT_FIELDS))
    return redirect(_week_url(checkin))


@post_only(page="checkins:week")
@member_required
def save_shared(request, membership, week):
    checkin = _checkin_or_404(membership, week)
    form = SharedNoteForm(request.POST)
    code = HTTPStatus.UNPROCESSABLE_ENTITY
    if form.is_valid():
        try:
            checkin.edit_shared(request.user, **form.cleaned_data)
        except StaleEdit as error:
            # Keep their words, and let the next save build on the latest text.
            form = SharedNoteForm(form.cleaned_data | {"revision": checkin.revision})
            form.is_valid()
            form.add_error(None, str(error))
            code = HTTPStatus.CONFLICT
        except CheckInError as error:
            form.add_error(None, str(error))
    if not form.errors:
        if not request.htmx:
            messages.success(request, _("Saved for both of you."))
            return redirect(_week_url(checkin))
        return render(request, f"{PAGE}#together", _week_context(membership, checkin, saved=True))
    template = f"{PAGE}#together" if request.htmx else PAGE
    conflict = code == HTTPStatus.CONFLICT
    context = _week_context(membership, checkin, shared_form=form, conflict=conflict)
    return render(request, template, context, status=code)


@require_GET
@member_required
def history(request, membership):
    span, page = request.GET.get("span", ""), request.GET.get("page")
    context = {
        "history": history_for(membership, partner_membership(membership), span, tz.now(), page),
    }
    template = "checkins/history.html"
    if request.htmx:  # the part that was asked for: other weeks, or another time span
        template += "#weeks" if request.htmx.target == "weeks" else "#trends"
    return render(request, template, context)
