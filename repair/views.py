from http import HTTPStatus

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import couple_object_or_404, member_required, partner_membership
from accounts.hints import offer_gentle_hint
from checkins.models import CheckIn
from recovery.decorators import post_only
from together.models import Pause
from triggers.models import Trigger

from . import measure
from .forms import PlanForm, SideForm, StartForm, UnderstoodForm
from .models import Origin, PlanChange, Repair, RepairError, RepairSide, StalePlan

UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY
LIST_SHOWN = 20


def _origin(membership, data: dict) -> dict:
    """The moment a repair starts from, checked against the caller's couple (404)."""
    if data.get("pause"):
        pause = couple_object_or_404(
            Pause.objects.filter(ended_at__isnull=False).defer("reason"),
            membership,
            pk=data["pause"],
        )
        return {"origin": Origin.PAUSE, "pause": pause}
    if data.get("trigger"):
        shared = Trigger.objects.visible_to(membership).shared()
        trigger = couple_object_or_404(shared, membership, pk=data["trigger"])
        return {"origin": Origin.TRIGGER, "trigger": trigger}
    if data.get("checkin"):
        revealed = CheckIn.objects.filter(revealed_at__isnull=False)
        checkin = couple_object_or_404(revealed, membership, pk=data["checkin"])
        return {"origin": Origin.CHECKIN, "checkin": checkin}
    return {"origin": Origin.OWN}


@require_GET
@member_required
def repair_list(request, membership):
    repairs = Repair.objects.of_couple(membership.couple_id).select_related("started_by")
    context = {
        "repairs": repairs[:LIST_SHOWN],
        "coming_back": measure.coming_back(membership.couple, tz.now()),
    }
    return render(request, "repair/list.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def start(request, membership):
    form = StartForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        raise Http404
    origin = _origin(membership, form.cleaned_data)
    if request.method == "GET":
        return render(request, "repair/start.html", {"form": form, **origin})
    repair, created = Repair.start(membership, **origin)
    if created:
        messages.success(request, _("Your repair has started. Your partner is told, gently."))
    else:
        messages.info(request, _("A repair conversation is already open: here it is."))
    return redirect(repair.path)


def _side_form(membership, side, listening, data=None):
    return SideForm(
        data,
        initial=_initial(side),
        membership=membership,
        can_listen=bool(listening and listening.what_it_was_like),
    )


def _initial(side) -> dict:
    if side is None:
        return {}
    return {name: getattr(side, name) for name in RepairSide.EDITABLE}


def detail_page(request, membership, repair, status=HTTPStatus.OK, **forms):
    sides = RepairSide.objects.visible_to(membership).filter(repair=repair)
    mine = next((s for s in sides if s.author_id == membership.user_id), None)
    theirs = next((s for s in sides if s.author_id != membership.user_id), None)
    listening = None if repair.is_completed else repair.partner_side_for_listening(membership)
    touched_ids = {s.touched_id for s in sides if s.touched_id}
    visible_touched = set(
        Trigger.objects.visible_to(membership)
        .filter(pk__in=touched_ids)
        .values_list("pk", flat=True)
    )
    pending = repair.plan_changes.pending().select_related("proposed_by").first()
    context = {
        "repair": repair,
        "mine": mine,
        "theirs": theirs,
        "partner": partner_membership(membership),
        "listening": listening,
        "partner_finished": bool(repair.finished_author_ids() - {membership.user_id}),
        "visible_touched": visible_touched,
        "may_withdraw": repair.may_withdraw(membership) and listening is None,
        "form": forms.get("form") or _side_form(membership, mine, listening),
        "understood_form": forms.get("understood_form") or UnderstoodForm(),
        "pending_plan": pending,
        "plan_form": forms.get("plan_form")
        or PlanForm(initial={"steps": "\n".join(repair.plan), "version": repair.plan_version}),
    }
    return render(request, "repair/detail.html", context, status=status)


def _repair(membership, pk) -> Repair:
    return couple_object_or_404(Repair.objects.select_related("started_by"), membership, pk=pk)


@require_GET
@member_required
def detail(request, membership, pk):
    return detail_page(request, membership, _repair(membership, pk))


@post_only(page="repair:detail")
@member_required
def save_side(request, membership, pk):
    repair = _repair(membership, pk)
    mine = RepairSide.objects.filter(repair=repair, author=membership.user).first()
    listening = repair.partner_side_for_listening(membership)
    form = _side_form(membership, mine, listening, request.POST)
    finish = "finish" in request.POST
    if form.is_valid():
        try:
            repair.save_side(membership, form.cleaned_data, finish=finish)
        except RepairError as error:
            form.add_error(None, str(error))
        else:
            written = [value for value in form.cleaned_data.values() if isinstance(value, str)]
            offer_gentle_hint(request, *written)
            done = _BOTH_FINISHED if repair.is_completed else _FINISHED
            messages.success(request, done if finish else _SAVED)
            return redirect(repair.path)
    return detail_page(request, membership, repair, UNPROCESSABLE, form=form)


_SAVED = gettext_lazy("Saved. Only you can see it, except what it was like for you.")
_FINISHED = gettext_lazy("Your side is finished. It opens when you have both finished.")
_BOTH_FINISHED = gettext_lazy(
    "Thank you. Your partner's side is open to you now, and yours to them."
)


@post_only(page="repair:detail")
@member_required
def answer_heard(request, membership, pk):
    repair = _repair(membership, pk)
    form = UnderstoodForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            repair.answer_reflection(membership, data["verdict"], data["line"])
        except RepairError as error:
            form.add_error(None, str(error))
        else:
            offer_gentle_hint(request, data["line"])
            messages.success(request, _("Thank you. Your partner sees your answer."))
            return redirect(repair.path)
    return detail_page(request, membership, repair, UNPROCESSABLE, understood_form=form)


@require_POST
@member_required
def withdraw(request, membership, pk):
    repair = _repair(membership, pk)
    try:
        repair.withdraw(membership)
    except RepairError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Withdrawn. You can start again whenever it feels right."))
    return redirect(repair.path)


@post_only(page="repair:detail")
@member_required
def propose_plan(request, membership, pk):
    repair = _repair(membership, pk)
    form = PlanForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            PlanChange.propose(membership, repair, data["steps"], data["version"])
        except StalePlan as error:
            form = PlanForm(request.POST.dict() | {"version": repair.plan_version})
            form.is_valid()
            form.add_error(None, str(error))
        except RepairError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Proposed. It becomes your plan when your partner agrees."))
            return redirect(repair.path)
    return detail_page(request, membership, repair, UNPROCESSABLE, plan_form=form)


@require_POST
@member_required
def decide_plan(request, membership, pk, decision):
    change = (
        PlanChange.objects.select_related("repair")
        .filter(repair__couple_id=membership.couple_id, pk=pk)
        .first()
    )
    if change is None:
        raise Http404
    action = {"accept": change.accept, "decline": change.decline, "withdraw": change.withdraw}
    try:
        action[decision](membership)
    except RepairError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, DECIDED[decision])
    return redirect(change.repair.path)


DECIDED = {
    "accept": gettext_lazy("Agreed. This is your plan now, for you both."),
    "decline": gettext_lazy("Declined. The plan stays as it was."),
    "withdraw": gettext_lazy("Withdrawn. The plan stays as it was."),
}
