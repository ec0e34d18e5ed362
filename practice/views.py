from functools import wraps
from http import HTTPStatus

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import couple_object_or_404, member_required
from accounts.models import Membership
from notices.models import Notice
from pacing.models import TIER_NAMES, gate_and_rules, gate_for
from pacing.views import REASONS
from recovery.decorators import post_only
from therapists.audit import therapist_couple_view
from therapists.models import AuditAction

from . import progress
from .forms import AgendaItemForm, CloseAgendaForm, MarkForm, PracticeForm
from .models import Agenda, AgendaItem, Practice, TierClosed, this_week

UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY
PAST_AGENDAS_SHOWN = 5


def _closed(request, tier: int, result):
    context = {
        "closed_tier_name": TIER_NAMES[tier],
        "why": REASONS[result.reason],
    }
    return render(request, "practice/closed.html", context, status=HTTPStatus.FORBIDDEN)


def practice_required(view):
    """A practice meant for the caller (404 for anyone else's), with the couple's gate."""

    @wraps(view)
    def wrapper(request, membership, pk):
        queryset = Practice.objects.visible_to(membership).select_related("exercise")
        practice = couple_object_or_404(queryset, membership, pk=pk)
        return view(request, membership, practice, gate_for(membership.couple))

    return wrapper


# The partners' side -----------------------------------------------------------------


def _detail(request, membership, practice, result, form=None, status=HTTPStatus.OK):
    Notice.objects.opened(request.user, 0, practice.path)
    marks = {m.person_id: m for m in practice.marks.all()}
    context = {
        "practice": practice,
        "is_open": practice.gate_allows(result),
        "mine": marks.get(request.user.pk),
        "partner_mark": next((m for p, m in marks.items() if p != request.user.pk), None),
        "form": form,
        "why": REASONS[result.reason],
    }
    if form is None and context["mine"]:
        mine = context["mine"]
        context["form"] = MarkForm(
            initial={"outcome": mine.outcome, "line": mine.line, "shared": mine.line_shared}
        )
    context["form"] = context["form"] or MarkForm()
    return render(request, "practice/detail.html", context, status=status)


@require_GET
@member_required
@practice_required
def detail(request, membership, practice, result):
    return _detail(request, membership, practice, result)


@post_only(page="practice:detail")
@member_required
@practice_required
def mark(request, membership, practice, result):
    form = MarkForm(request.POST)
    if not form.is_valid():
        return _detail(request, membership, practice, result, form, status=UNPROCESSABLE)
    try:
        done = practice.mark(membership, result, **form.cleaned_data)
    except TierClosed as closed:
        return _closed(request, closed.tier, closed.result)
    messages.success(request, _("Marked. Thank you.") if done else _("Nothing marked."))
    return redirect(practice.path)


@post_only(page="practice:detail")
@member_required
@practice_required
def start(request, membership, practice, result):
    """Start the practice's exercise: refused kindly (403) while its tier is closed."""
    if practice.exercise_id is None:
        return redirect(practice.path)
    if not practice.gate_allows(result):
        return _closed(request, practice.exercise.tier, result)
    session = practice.exercise.start(membership.couple, request.user)
    return redirect("pacing:session", pk=session.pk)


def _agenda_page(request, membership, form=None, status=HTTPStatus.OK):
    path = reverse("practice:agenda")
    Notice.objects.opened(request.user, 0, path)
    items = AgendaItem.objects.visible_to(membership).filter(agenda__closed_at__isnull=True)
    past = Agenda.objects.closed().filter(couple=membership.couple)[:PAST_AGENDAS_SHOWN]
    context = {
        "items": list(items.select_related("author")),
        "past": past,
        "form": form or AgendaItemForm(),
        "mine": request.user.pk,
    }
    return render(request, "practice/agenda.html", context, status=status)


@require_http_methods(["GET", "POST"])
@member_required
def agenda(request, membership):
    if request.method == "GET":
        return _agenda_page(request, membership)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        return _agenda_page(request, membership, form, status=UNPROCESSABLE)
    AgendaItem.add(membership, **form.cleaned_data)
    if form.cleaned_data["shared_with_partner"]:
        messages.success(request, _("Added. Your therapist and your partner will see it."))
    else:
        messages.success(request, _("Added. Only your therapist will see it."))
    return redirect("practice:agenda")


# The therapist's side ---------------------------------------------------------------


def _therapist_page(request, couple, practice_form=None, close_form=None):
    result, rules = gate_and_rules(couple)
    Notice.objects.opened(request.user, 0, request.path)
    context = {
        "couple": couple,
        "partners": list(Membership.objects.active().filter(couple=couple).select_related("user")),
        "rows": progress.completion(couple, result),
        "agenda_items": list(
            AgendaItem.objects.for_therapist(couple)
            .filter(agenda__closed_at__isnull=True)
            .select_related("author")
        ),
        "past": Agenda.objects.closed().filter(couple=couple)[:PAST_AGENDAS_SHOWN],
        "practice_form": practice_form
        or PracticeForm(
            couple=couple,
            result=result,
            this_week=this_week(couple),
            ceiling=rules.ceiling,
            initial={"week": this_week(couple), "for_whom": "both"},
        ),
        "close_form": close_form or CloseAgendaForm(),
        "tier_name": TIER_NAMES[result.tier],
    }
    status = UNPROCESSABLE if (practice_form or close_form) else HTTPStatus.OK
    return render(request, "practice/therapist_couple.html", context, status=status)


@therapist_couple_view(AuditAction.VIEW_PRACTICE)
def therapist_couple(request, couple):
    return _therapist_page(request, couple)


@therapist_couple_view(AuditAction.WRITE_PRACTICE, methods=("POST",))
def write(request, couple):
    result, rules = gate_and_rules(couple)
    form = PracticeForm(
        request.POST,
        couple=couple,
        result=result,
        this_week=this_week(couple),
        ceiling=rules.ceiling,
    )
    if not form.is_valid():
        return _therapist_page(request, couple, practice_form=form)
    practice = Practice.write(couple, request.user, **form.practice_fields())
    if practice.gate_allows(result):
        messages.success(request, _("Practice sent. The partners it is for see it on Today."))
    else:
        messages.warning(
            request,
            _(
                "Saved, but this exercise is above what is open for the couple now (the "
                "tier open to them, or the ceiling you set). They see it as waiting for the "
                "right time, and cannot start it until it opens."
            ),
        )
    return redirect("practice:therapist_couple", couple_id=couple.pk)


@therapist_couple_view(AuditAction.CLOSE_AGENDA, methods=("POST",))
def close_agenda(request, couple):
    form = CloseAgendaForm(request.POST)
    if not form.is_valid():
        return _therapist_page(request, couple, close_form=form)
    Agenda.open_for(couple).close(request.user, form.cleaned_data["note"])
    messages.success(request, _("Agenda closed. Both partners see your note."))
    return redirect("practice:therapist_couple", couple_id=couple.pk)
