from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import couple_object_or_404, member_required, partner_membership
from accounts.hints import offer_gentle_hint
from recovery.decorators import post_only
from repair.measure import coming_back

from . import pattern_charts
from .forms import STARTERS, ReassuranceForm, TriggerForm
from .models import REASSURANCE_MAX, Sharing, Trigger
from .patterns import DEFAULT_RANGE, RANGES, cached_summary

PAGE_SIZE = 20


@require_GET
@member_required
def index(request, membership):
    visible = Trigger.objects.visible_to(membership)
    mine = Paginator(visible.filter(author=request.user), PAGE_SIZE)
    shared = Paginator(visible.exclude(author=request.user), PAGE_SIZE)
    waiting = Trigger.objects.waiting_for_reassurance_from(membership).order_by("shared_at")
    context = {
        "waiting": waiting[:PAGE_SIZE],
        "mine": mine.get_page(request.GET.get("page")),
        "shared": shared.get_page(request.GET.get("shared_page")),
        "partner": partner_membership(membership),
    }
    return render(request, "triggers/index.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def new(request, membership):
    form = TriggerForm(_posted(request), zone=request.user.zone)
    if request.method == "POST" and form.is_valid():
        trigger = Trigger.record(membership, timezone.now(), **form.changes())
        messages.success(request, _saved_message(trigger))
        return redirect("triggers:detail", pk=trigger.pk)
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    return render(request, "triggers/form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@member_required
def edit(request, membership, pk):
    trigger = couple_object_or_404(Trigger.objects.visible_to(membership), membership, pk=pk)
    if trigger.author_id != request.user.pk:
        raise PermissionDenied
    form = TriggerForm(_posted(request), instance=trigger, zone=request.user.zone)
    if request.method == "POST" and form.is_valid():
        trigger.revise(form.changes(), timezone.now())
        messages.success(request, _saved_message(trigger))
        return redirect("triggers:detail", pk=trigger.pk)
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    context = {"form": form, "trigger": trigger}
    return render(request, "triggers/form.html", context, status=status)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _saved_message(trigger: Trigger) -> str:
    if trigger.sharing == Sharing.SHARE_NOW:
        return _("Saved and shared. Your partner can see it now. Be gentle with yourself.")
    return _("Saved. Be gentle with yourself.")


@require_GET
@member_required
def detail(request, membership, pk):
    trigger = _visible_trigger(membership, pk)
    return _render_detail(request, trigger, ReassuranceForm())


@post_only(page="triggers:detail")
@member_required
def reassure(request, membership, pk):
    trigger = _visible_trigger(membership, pk)
    if trigger.author_id == request.user.pk:
        raise PermissionDenied
    starter = _starter(request.POST.get("starter"))
    if starter is not None:
        typed = request.POST.get("text", "")[:REASSURANCE_MAX]
        form = ReassuranceForm(initial={"text": f"{starter} {typed}".strip()})
        return _render_detail(request, trigger, form)
    form = ReassuranceForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, trigger, form, HTTPStatus.UNPROCESSABLE_ENTITY)
    trigger.reassure(request.user, form.cleaned_data["text"], timezone.now())
    if request.htmx:
        return _render_detail(request, trigger, ReassuranceForm(), sent=True)
    messages.success(request, _("Your reassurance was sent."))
    offer_gentle_hint(request, form.cleaned_data["text"])
    return redirect("triggers:detail", pk=trigger.pk)


def _visible_trigger(membership, pk) -> Trigger:
    queryset = Trigger.objects.visible_to(membership).select_related("author")
    return couple_object_or_404(queryset, membership, pk=pk)


def _starter(value) -> str | None:
    by_index = {str(index): str(starter) for index, starter in enumerate(STARTERS)}
    return by_index.get(value)


def _render_detail(request, trigger, form, status=HTTPStatus.OK, sent=False):
    context = {
        "trigger": trigger,
        "reassurances": trigger.reassurances.select_related("author"),
        "can_reassure": trigger.author_id != request.user.pk,
        "form": form,
        "starters": STARTERS,
        "sent": sent,
    }
    template = "triggers/detail.html"
    if request.htmx:
        template += "#reassurances"
    return render(request, template, context, status=status)


@require_GET
@member_required
def patterns(request, membership):
    partner = partner_membership(membership)
    of_partner = request.GET.get("of") == "partner" and partner is not None
    subject = partner.user if of_partner else request.user
    range_key = request.GET.get("range") if request.GET.get("range") in RANGES else DEFAULT_RANGE
    entries = Trigger.objects.visible_to(membership).filter(author=subject)
    summary = cached_summary(
        entries,
        request.user.zone,
        timezone.now(),
        RANGES[range_key],
        couple_id=membership.couple_id,
        scope=f"{subject.pk}-seen-by-{request.user.pk}",
    )
    context = {
        "summary": summary,
        "of_partner": of_partner,
        "partner": partner,
        "range_key": range_key,
        "ranges": RANGES,
        "cards": pattern_charts.cards(summary) if summary.total else [],
        "coming_back": coming_back(membership.couple, timezone.now()),
    }
    return render(request, "triggers/patterns.html", context)
