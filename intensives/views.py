from datetime import timedelta
from functools import wraps
from http import HTTPStatus

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRedirect

from accounts.access import couple_object_or_404, member_required, partner_membership
from accounts.models import Role
from notices.models import Notice
from pacing.models import TIER_NAMES, gate_and_rules, gate_for
from pacing.views import REASONS
from recovery.decorators import post_only
from recovery.links import COUPLE_TOOLS
from therapists.audit import therapist_couple_view
from therapists.models import AuditAction

from .forms import IntensiveForm, StepForm, TurnForm
from .models import ELSEWHERE, Intensive, Kind, NotNow, Step

UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY


def _not_now(request, step, refusal: NotNow):
    context = {"step": step, "reason": refusal.reason}
    if refusal.result is not None:
        context |= {"tier_name": step.tier_name, "why": REASONS[refusal.result.reason]}
    return render(request, "intensives/not_now.html", context, status=HTTPStatus.FORBIDDEN)


def step_required(view):
    """A step of an intensive of the caller's couple (404 for anyone else's), with the
    couple's gate when the step builds on an exercise."""

    @wraps(view)
    def wrapper(request, membership, pk):
        steps = Step.objects.visible_to(request.user).filter(intensive__couple=membership.couple)
        try:
            step = steps.select_related("intensive", "exercise").get(pk=pk)
        except Step.DoesNotExist:
            raise Http404 from None
        result = gate_for(membership.couple) if step.kind == Kind.EXERCISE else None
        try:
            return view(request, membership, step, result)
        except NotNow as refusal:
            if request.htmx:  # a turn tapped as the step closed: show the step as it is
                return HttpResponseClientRedirect(step.path)
            return _not_now(request, step, refusal)

    return wrapper


# The partners' side -----------------------------------------------------------------


@require_GET
@member_required
def detail(request, membership, pk):
    """The plan as a calm timeline: each step with its window and where it stands."""
    queryset = Intensive.objects.visible_to(request.user)
    intensive = couple_object_or_404(queryset, membership, pk=pk)
    Notice.objects.opened(request.user, 0, intensive.path)
    steps = list(intensive.steps.select_related("exercise"))
    needs_gate = any(s.kind == Kind.EXERCISE for s in steps)
    result = gate_for(membership.couple) if needs_gate else None
    now = tz.now()
    context = {
        "intensive": intensive,
        "rows": [(step, step.state(now, result)) for step in steps],
    }
    return render(request, "intensives/detail.html", context)


def _names(membership) -> dict:
    partner = partner_membership(membership)
    other = str(partner.user) if partner else _("Your partner")
    partner_role = Role.INVOLVED if membership.is_hurt else Role.HURT
    return {membership.role: _("You"), partner_role: other}


def _step_page(request, membership, step, result, status=HTTPStatus.OK):
    now = tz.now()
    context = {
        "step": step,
        "state": step.state(now, result),
        "why": REASONS[result.reason] if result else "",
    }
    if step.kind == Kind.GUIDE:
        context |= _turn_context(step, _names(membership), now)
    template = "intensives/step.html#turn" if request.htmx else "intensives/step.html"
    return render(request, template, context, status=status)


def _turn_context(step, names: dict, now) -> dict:
    """Whose turn it is, by name ("You" for the caller), and the whole order."""
    turn, sequence = step.current_turn(), step.turns()
    return {
        "turn": turn,
        "turn_count": len(sequence),
        "now_speaking": names[turn.speaker] if turn else "",
        "now_listening": names[turn.listener] if turn else "",
        "seconds_left": step.seconds_left(now),
        "minutes": turn.minutes(step.turn_minutes or 1) if turn else 0,
        "turn_rows": [
            {
                "turn": t,
                "speaker": names[t.speaker],
                "listener": names[t.listener],
                "current": t.index == step.turn,
            }
            for t in sequence
        ],
    }


@require_GET
@member_required
@step_required
def step(request, membership, step, result):
    if request.htmx and _unchanged(request, step):
        return HttpResponse(status=HTTPStatus.NO_CONTENT)  # the poll: nothing moved
    if not request.htmx:
        Notice.objects.opened(request.user, 0, step.intensive.path)
    return _step_page(request, membership, step, result)


def _unchanged(request, step) -> bool:
    """The other device's poll says what it shows (`Step.turn_state`)."""
    return request.GET.get("seen") == step.turn_state


@post_only(page="intensives:step")
@member_required
@step_required
def start(request, membership, step, result):
    """Start the step: a library exercise's session, the part of the app it belongs to,
    or a conversation guide's first turn. Refused kindly (403) before its time, after
    it, and while its exercise's tier is closed."""
    step.check_startable(tz.now(), result)
    if step.kind == Kind.EXERCISE:
        session = step.exercise.start(membership.couple, request.user)
        return redirect("pacing:session", pk=session.pk)
    if step.kind in ELSEWHERE:
        return redirect(COUPLE_TOOLS[step.kind])
    step.begin()
    return redirect(step.path)


@post_only(page="intensives:step")
@member_required
@step_required
def next_turn(request, membership, step, result):
    """Move the conversation on one turn (shown on both devices). Only the turn reached
    is kept: nothing posted with it is read or stored."""
    step.check_startable(tz.now(), result)
    form = TurnForm(request.POST)
    if not form.is_valid():
        return _step_page(request, membership, step, result, status=UNPROCESSABLE)
    step.begin()
    step.next_turn(form.cleaned_data["turn"])
    if request.htmx:
        return _step_page(request, membership, step, result)
    return redirect(step.path)


@post_only(page="intensives:step")
@member_required
@step_required
def complete(request, membership, step, result):
    """Mark the step done: who and when, and nothing else."""
    step.check_startable(tz.now(), result, late_is_fine=True)
    if step.complete(request.user):
        messages.success(request, _("Marked as done. Well done, both of you."))
    return redirect(step.intensive.path)


# The therapist's side ---------------------------------------------------------------


def _today(couple):
    return tz.now().astimezone(couple.zone).date()


def _intensives_page(request, couple, form=None):
    Notice.objects.opened(request.user, 0, request.path)
    intensives = Intensive.objects.visible_to(request.user).filter(couple=couple)
    context = {
        "couple": couple,
        "intensives": intensives.annotate(step_count=Count("steps")),
        "form": form or IntensiveForm(today=_today(couple)),
    }
    status = UNPROCESSABLE if form else HTTPStatus.OK
    return render(request, "intensives/therapist_couple.html", context, status=status)


@therapist_couple_view(AuditAction.VIEW_INTENSIVES)
def therapist_couple(request, couple):
    return _intensives_page(request, couple)


@therapist_couple_view(AuditAction.PLAN_INTENSIVE, methods=("POST",))
def plan(request, couple):
    form = IntensiveForm(request.POST, today=_today(couple))
    if not form.is_valid():
        return _intensives_page(request, couple, form)
    intensive = Intensive.plan(couple, request.user, **form.cleaned_data)
    messages.success(request, _("Intensive planned. Both partners are told; now add its steps."))
    return redirect("intensives:therapist_intensive", couple_id=couple.pk, pk=intensive.pk)


def _therapist_intensive(request, couple, pk):
    queryset = Intensive.objects.visible_to(request.user).filter(couple=couple)
    try:
        return queryset.select_related("couple").get(pk=pk)
    except Intensive.DoesNotExist:
        raise Http404 from None


def _first_morning(intensive) -> dict:
    """A window to start from: the first day, ten to noon."""
    start, _end = intensive.window()
    return {"opens_at": start + timedelta(hours=10), "closes_at": start + timedelta(hours=12)}


def _plan_page(request, couple, intensive, form=None):
    result, rules = gate_and_rules(couple)
    context = {
        "couple": couple,
        "intensive": intensive,
        "steps": list(intensive.steps.select_related("exercise", "completed_by")),
        "form": form
        or StepForm(
            intensive=intensive,
            result=result,
            ceiling=rules.ceiling,
            initial=_first_morning(intensive),
        ),
        "tier_name": TIER_NAMES[result.tier],
    }
    status = UNPROCESSABLE if form else HTTPStatus.OK
    with tz.override(couple.zone):
        return render(request, "intensives/therapist_intensive.html", context, status=status)


@therapist_couple_view(AuditAction.VIEW_INTENSIVES)
def therapist_intensive(request, couple, pk):
    return _plan_page(request, couple, _therapist_intensive(request, couple, pk))


@therapist_couple_view(AuditAction.PLAN_INTENSIVE, methods=("POST",))
def add_step(request, couple, pk):
    """Times are read in the couple's time zone, as the page shows them."""
    intensive = _therapist_intensive(request, couple, pk)
    result, rules = gate_and_rules(couple)
    with tz.override(couple.zone):
        form = StepForm(request.POST, intensive=intensive, result=result, ceiling=rules.ceiling)
        valid = form.is_valid()
    if not valid:
        return _plan_page(request, couple, intensive, form)
    Step.objects.create(intensive=intensive, written_by=request.user, **form.step_fields())
    messages.success(request, _("Step added. The couple sees it in their plan."))
    return redirect("intensives:therapist_intensive", couple_id=couple.pk, pk=intensive.pk)
