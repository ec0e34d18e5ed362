from datetime import timedelta
from http import HTTPStatus

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import member_required, partner_membership, therapist_required
from accounts.models import Membership
from pacing.models import gate_and_rules
from recovery.decorators import post_only
from recovery.paging import page_of

from . import csi, progress
from .audit import therapist_couple_view, verified_therapist_required
from .dashboard import (
    PAGE_SIZE,
    PHONE_SORTS,
    add_trends,
    flag_counts,
    listing_of,
    sort_columns,
    sort_summaries,
    valid_flag,
    valid_sort,
    with_flag,
)
from .forms import (
    NO_CEILING,
    CeilingForm,
    CodeForm,
    CsiForm,
    LabelForm,
    NoteForm,
    SuggestionForm,
    TherapistEmailForm,
    TherapistSetupForm,
)
from .guidance import guidance_for
from .models import (
    AlreadyAnswered,
    AuditAction,
    AuditEntry,
    Consent,
    CsiResponse,
    ExerciseSuggestion,
    TherapistError,
    TherapistLink,
    TherapistNote,
    TherapistProfile,
    set_pacing_ceiling,
)
from .tasks import send_therapist_invitation

AUDIT_PAGE_SIZE = 20
NOTES_PAGE_SIZE = 10
CSI_HISTORY_PAGE_SIZE = 12
CSI_MONTHS_SHOWN = 12
SUGGESTIONS_SHOWN = 10


# --- Therapist accounts -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def setup(request):
    profile = TherapistProfile.objects.filter(user=request.user).first()
    in_couple = Membership.objects.active().filter(user=request.user).exists()
    data = request.POST if request.method == "POST" else None
    form = TherapistSetupForm(data, instance=profile)
    if request.method == "POST" and not in_couple and form.is_valid():
        TherapistProfile.set_up(request.user, **form.cleaned_data)
        messages.success(request, _("Your therapist account is ready."))
        return redirect("therapists:dashboard")
    status = HTTPStatus.OK
    if request.method == "POST":
        status = HTTPStatus.CONFLICT if in_couple else HTTPStatus.UNPROCESSABLE_ENTITY
    context = {"form": form, "profile": profile, "in_couple": in_couple}
    return render(request, "therapists/setup.html", context, status=status)


@require_GET
@therapist_required
@verified_therapist_required
def dashboard(request):
    now = timezone.now()
    sort, flag = valid_sort(request.GET.get("sort")), valid_flag(request.GET.get("flag"))
    summaries, waiting = listing_of(request.user, now)
    shown = with_flag(sort_summaries(summaries, sort), flag)
    page = page_of(shown, request.GET.get("page"), PAGE_SIZE)
    add_trends(page.object_list, now)
    # What was on screen is what was seen: the couples of this page.
    AuditEntry.record(
        request.user,
        [summary.couple_id for summary in page],
        AuditAction.VIEW_DASHBOARD,
        request.get_full_path(),
    )
    context = {
        "page": page,
        "total": len(summaries),
        "attention": sum(1 for summary in summaries if summary.flags),
        "sort": sort,
        "sorts": PHONE_SORTS,
        "columns": sort_columns(sort),
        "flag": flag,
        "flags": flag_counts(summaries),
    }
    if request.htmx:
        context["page_changed"] = "page" in request.GET
        return render(request, "therapists/dashboard.html#couples", context)
    context["profile"] = TherapistProfile.objects.filter(user=request.user).first()
    context["waiting"] = waiting
    return render(request, "therapists/dashboard.html", context)


def _partners_by_couple(couple_ids) -> dict[int, list[Membership]]:
    result: dict[int, list[Membership]] = {}
    memberships = (
        Membership.objects.active()
        .filter(couple_id__in=couple_ids)
        .select_related("user")
        .order_by("role")
    )
    for membership in memberships:
        result.setdefault(membership.couple_id, []).append(membership)
    return result


@therapist_couple_view(AuditAction.VIEW_COUPLE)
def couple_detail(request, couple):
    return _couple_page(request, couple)


def access_ended(request, couple_id):
    """A couple page after access ended: says so kindly, shows nothing of the couple,
    and gives the therapist back their own private notes. Still a 404 status, like any
    couple they cannot see."""
    notes = TherapistNote.objects.private_of(request.user, couple_id)
    return render(
        request,
        "therapists/access_ended.html",
        {"notes": Paginator(notes, NOTES_PAGE_SIZE).get_page(request.GET.get("page"))},
        status=HTTPStatus.NOT_FOUND,
    )


@therapist_couple_view(AuditAction.ADD_NOTE, methods=("POST",))
def add_note(request, couple):
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _couple_page(request, couple, note_form=form)
    TherapistNote.write(couple, request.user, **form.cleaned_data)
    messages.success(request, _("Note saved."))
    return redirect("therapists:couple_detail", couple_id=couple.pk)


@therapist_couple_view(AuditAction.SET_CEILING, methods=("POST",))
def set_ceiling(request, couple):
    form = CeilingForm(request.POST)
    if not form.is_valid():
        return _couple_page(request, couple, ceiling_form=form)
    set_pacing_ceiling(couple, form.cleaned_data["ceiling"])
    messages.success(request, _("The pace is saved. The couple sees that you have set it."))
    return redirect(reverse("therapists:couple_detail", args=[couple.pk]) + "#pace-heading")


@therapist_couple_view(AuditAction.SET_LABEL, methods=("POST",))
def set_label(request, couple):
    form = LabelForm(request.POST)
    if not form.is_valid():
        return _couple_page(request, couple, label_form=form)
    TherapistLink.objects.with_access().get(therapist=request.user, couple=couple).set_label(
        form.cleaned_data["label"]
    )
    messages.success(request, _("Label saved. Only you see it."))
    return redirect(reverse("therapists:couple_detail", args=[couple.pk]) + "#label-heading")


@therapist_couple_view(AuditAction.SUGGEST_EXERCISE, methods=("POST",))
def suggest_exercise(request, couple):
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        return _couple_page(request, couple, suggestion_form=form)
    ExerciseSuggestion.objects.create(couple=couple, therapist=request.user, **form.cleaned_data)
    messages.success(request, _("Suggestion sent. Both partners see it."))
    return redirect(reverse("therapists:couple_detail", args=[couple.pk]) + "#suggest-heading")


def _couple_page(request, couple, **forms):
    """The couple page; a form passed in came back with errors (status 422)."""
    now = timezone.now()
    partners = _partners_by_couple([couple.pk]).get(couple.pk, [])
    notes = TherapistNote.objects.for_therapist(couple, request.user).select_related("therapist")
    readiness = progress.readiness_summary(couple, partners, now)
    exercises, exercises_total = progress.exercises_done(couple, partners)
    context = {
        "couple": couple,
        "partners": partners,
        "notes": Paginator(notes, NOTES_PAGE_SIZE).get_page(request.GET.get("page")),
        "csi_rows": _csi_rows(couple, partners),
        "csi_cutoff": csi.CUTOFF,
        "checkin_charts": progress.checkin_charts(couple, partners, now),
        "triggers": progress.trigger_summary(couple, now),
        "repairs": progress.repair_summary(couple, partners, now),
        "readiness": readiness,
        "false_connection": progress.false_connection_checks(couple, partners, now),
        "agreement": progress.agreement_summary(couple, now),
        "exercises": exercises,
        "exercises_total": exercises_total,
        "safety_checks": progress.shared_safety_checks(couple, partners),
        "suggestions": ExerciseSuggestion.objects.for_couple(couple)[:SUGGESTIONS_SHOWN],
        "note_form": forms.get("note_form") or NoteForm(),
        "ceiling_form": forms.get("ceiling_form")
        or CeilingForm(initial={"ceiling": _ceiling_value(readiness.ceiling)}),
        "suggestion_form": forms.get("suggestion_form") or SuggestionForm(),
        "label_form": forms.get("label_form")
        or LabelForm(initial={"label": _label_of(couple, request.user)}),
    }
    status = HTTPStatus.UNPROCESSABLE_ENTITY if forms else HTTPStatus.OK
    return render(request, "therapists/couple.html", context, status=status)


def _label_of(couple, therapist) -> str:
    return (
        TherapistLink.objects.open()
        .filter(couple=couple, therapist=therapist)
        .values_list("label", flat=True)
        .first()
        or ""
    )


def _ceiling_value(ceiling: int | None) -> str:
    return NO_CEILING if ceiling is None else str(ceiling)


def _csi_rows(couple, partners: list[Membership]) -> list[dict]:
    """Each month of the last year with each partner's total (one bounded query)."""
    earliest = CsiResponse.period_for(couple, timezone.now() - timedelta(days=366))
    responses = CsiResponse.objects.filter(couple=couple, period__gt=earliest).values_list(
        "period", "partner_id", "total"
    )
    by_period: dict[str, dict[int, int]] = {}
    for period, partner_id, total in responses[: 2 * CSI_MONTHS_SHOWN]:
        by_period.setdefault(period, {})[partner_id] = total
    return [
        {
            "month": csi.month_of(period),
            "totals": [by_period[period].get(m.user_id) for m in partners],
        }
        for period in sorted(by_period, reverse=True)
    ]


# --- The couple's side ----------------------------------------------------------------


@require_GET
@member_required
def couple_settings(request, membership):
    if request.htmx and request.GET.get("page"):
        context = {"audit": _audit_page(request, membership)}
        return render(request, "therapists/couple_settings.html#audit", context)
    return _settings_page(request, membership)


def _audit_page(request, membership):
    entries = AuditEntry.objects.filter(couple=membership.couple).order_by("-created_at", "-pk")
    return Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))


def _settings_page(request, membership, status=HTTPStatus.OK, **forms):
    link = _open_link(membership)
    consents = {c.partner_id: c for c in link.consents.active()} if link else {}
    partner = partner_membership(membership)
    notes = TherapistNote.objects.for_partners(membership.couple).select_related("therapist")
    context = {
        "membership": membership,
        "partner": partner,
        "link": link,
        "profile": getattr(link.therapist, "therapist_profile", None) if link else None,
        "my_consent": consents.get(membership.user_id),
        "partner_consent": consents.get(partner.user_id) if partner else None,
        "consent_history": link.consents.select_related("partner").order_by("-given_at")[:10]
        if link
        else [],
        "code_form": forms.get("code_form") or CodeForm(),
        "email_form": forms.get("email_form") or TherapistEmailForm(membership=membership),
        "notes": Paginator(notes, NOTES_PAGE_SIZE).get_page(request.GET.get("notes")),
        "guidance": guidance_for(membership.couple, *gate_and_rules(membership.couple)),
        "audit": _audit_page(request, membership),
        "csi_due": not CsiResponse.objects.filter(
            couple=membership.couple,
            partner=request.user,
            period=CsiResponse.period_for(membership.couple),
        ).exists(),
    }
    context["has_access"] = bool(partner and context["my_consent"] and context["partner_consent"])
    return render(request, "therapists/couple_settings.html", context, status=status)


def _open_link(membership) -> TherapistLink | None:
    return (
        TherapistLink.objects.open()
        .filter(couple=membership.couple)
        .select_related("therapist__therapist_profile")
        .first()
    )


@post_only(page="therapists:couple_settings")
@member_required
def invite_by_code(request, membership):
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, membership, HTTPStatus.UNPROCESSABLE_ENTITY, code_form=form)
    return _invite(request, membership, therapist=form.therapist)


@post_only(page="therapists:couple_settings")
@member_required
def invite_by_email(request, membership):
    form = TherapistEmailForm(request.POST, membership=membership)
    if not form.is_valid():
        return _settings_page(request, membership, HTTPStatus.UNPROCESSABLE_ENTITY, email_form=form)
    return _invite(request, membership, therapist=form.therapist, email=form.cleaned_data["email"])


def _invite(request, membership, therapist=None, email=""):
    try:
        link = TherapistLink.invite(membership, therapist=therapist, email=email)
    except TherapistError as error:
        messages.error(request, str(error))
        return redirect("therapists:couple_settings")
    if therapist:
        messages.success(request, _("Linked. Nothing is shared until you both agree."))
    else:
        send_therapist_invitation.delay_on_commit(link.pk)
        messages.success(request, _("Invitation sent. Nothing is shared until you both agree."))
    return redirect("therapists:couple_settings")


# Giving or withdrawing consent asks for the password again, so nobody holding a
# partner's unlocked phone can decide for them. Reading the consent page does not; the
# POST is held while the password is entered, then carried out. Membership is checked
# first so that non-members get a 404, not a password prompt.
@require_http_methods(["GET", "POST"])
@member_required
@reauthentication_required(allow_get=True)
def consent(request, membership):
    link = _open_link(membership)
    if link is None or link.therapist_id is None:
        messages.info(request, _("There is no therapist to agree to yet."))
        return redirect("therapists:couple_settings")
    profile = getattr(link.therapist, "therapist_profile", None)
    may_work = TherapistProfile.may_work_as(link.therapist)
    if request.method == "POST" and may_work:
        try:
            Consent.give(
                link,
                membership,
                heads_ups_and_plans=request.POST.get("heads_ups_and_plans") == "on",
            )
        except TherapistError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you. Your agreement is recorded."))
        return redirect("therapists:couple_settings")
    context = {
        "link": link,
        "profile": profile,
        "may_work": may_work,
        "already": link.consents.active().filter(partner=request.user).first(),
    }
    # A therapist this installation does not work with yet: the page says why (403).
    status = HTTPStatus.FORBIDDEN if request.method == "POST" else HTTPStatus.OK
    return render(request, "therapists/consent.html", context, status=status)


@require_POST
@member_required
@reauthentication_required
def withdraw_consent(request, membership):
    link = _open_link(membership)
    if link and Consent.withdraw(link, request.user):
        messages.success(
            request, _("Your agreement is withdrawn. Your therapist can no longer see your space.")
        )
    return redirect("therapists:couple_settings")


@require_http_methods(["GET", "POST"])
@member_required
def end_link(request, membership):
    """Stop working with the therapist: a page that says what it means, then the POST."""
    link = _open_link(membership)
    if link is None:
        return redirect("therapists:couple_settings")
    if request.method == "GET":
        profile = getattr(link.therapist, "therapist_profile", None)
        return render(request, "therapists/end_link.html", {"link": link, "profile": profile})
    link.end(request.user)
    messages.success(request, _("The link with this therapist has ended."))
    return redirect("therapists:couple_settings")


# --- CSI-4 ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@member_required
def csi_form(request, membership):
    form = CsiForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            CsiResponse.record(membership, form.answers())
        except AlreadyAnswered:
            form.add_error(None, _already_answered_message(membership))
        else:
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect("therapists:csi")
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    history = CsiResponse.objects.filter(couple=membership.couple, partner=request.user)
    couple = membership.couple
    context = {
        "form": form,
        "answered_this_month": history.filter(period=CsiResponse.period_for(couple)).exists(),
        "next_due": CsiResponse.next_due(couple),
        "history": Paginator(history, CSI_HISTORY_PAGE_SIZE).get_page(request.GET.get("page")),
        "cutoff": csi.CUTOFF,
        "max_total": csi.MAX_TOTAL,
    }
    return render(request, "therapists/csi.html", context, status=status)


def _already_answered_message(membership) -> str:
    next_due = CsiResponse.next_due(membership.couple)
    return _("You've already answered this month. The next one opens on %(date)s.") % {
        "date": date_format(next_due, "DATE_FORMAT")
    }
