from http import HTTPStatus

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import member_required, partner_membership
from recovery.decorators import post_only

from .forms import CompareForm, DeclineForm, ProposalForm, ReaffirmForm, ReviewForm
from .history import history_for
from .models import Agreement, AgreementError, Reaffirmation, Version, couple_today


def _agreement(membership) -> Agreement:
    return Agreement.objects.for_couple(membership.couple)


def _version_or_404(agreement: Agreement, pk: int) -> Version:
    return get_object_or_404(agreement.versions.select_related("proposed_by", "based_on"), pk=pk)


def _version_param(agreement: Agreement, value: str | None) -> Version | None:
    if not value:
        return None
    if not value.isdigit() or len(value) > 18:
        raise Http404
    return _version_or_404(agreement, int(value))


@require_GET
@member_required
def overview(request, membership):
    agreement = _agreement(membership)
    agreement.open_review_if_due(tz.now())
    current = agreement.current_version
    context = {
        "agreement": agreement,
        "current": current,
        "acceptances": current.acceptances.select_related("partner") if current else [],
        "proposal": agreement.open_proposal(),
        "review": agreement.open_review(),
        "next_review_due": agreement.next_review_due(),
        "has_partner": partner_membership(membership) is not None,
    }
    return render(request, "agreements/overview.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def propose(request, membership):
    agreement = _agreement(membership)
    if request.method == "GET":
        return _blank_proposal(request, membership, agreement)
    form = ProposalForm(request.POST, agreement=agreement)
    if form.is_valid():
        try:
            version = agreement.propose(
                membership,
                sections=form.sections(),
                reason=form.cleaned_data["reason"],
                based_on=form.cleaned_data["based_on"],
                replaces=form.cleaned_data["replaces"],
                clause_reviews=form.clause_reviews(),
            )
        except AgreementError as error:
            form.add_error(None, str(error))
        else:
            if version.is_open:
                messages.success(request, _("Your proposal is waiting for your partner."))
            return redirect("agreements:version", version.pk)
    replaces = form.cleaned_data.get("replaces") if hasattr(form, "cleaned_data") else None
    context = {"form": form, "agreement": agreement, "replaces": replaces}
    return render(
        request, "agreements/propose.html", context, status=HTTPStatus.UNPROCESSABLE_ENTITY
    )


def _blank_proposal(request, membership, agreement):
    if partner_membership(membership) is None:
        messages.info(request, _("Once your partner has joined, either of you can propose it."))
        return redirect("agreements:overview")
    replaces = _version_param(agreement, request.GET.get("replaces"))
    source = _version_param(agreement, request.GET.get("from"))
    if replaces is not None and not replaces.is_open:
        replaces = None
    open_proposal = agreement.open_proposal()
    if open_proposal and replaces is None:
        messages.info(request, _("A proposal is already waiting. You can answer it here."))
        return redirect("agreements:version", open_proposal.pk)
    initial = ProposalForm.initial_for(agreement, source, replaces)
    form = ProposalForm(initial=initial, agreement=agreement)
    context = {"form": form, "agreement": agreement, "replaces": replaces, "source": source}
    return render(request, "agreements/propose.html", context)


@require_GET
@member_required
def version_detail(request, membership, pk):
    agreement = _agreement(membership)
    return _version_page(request, membership, agreement, _version_or_404(agreement, pk))


def _version_page(
    request, membership, agreement, version, *, error=None, decline_form=None, status=HTTPStatus.OK
):
    acceptances = list(version.acceptances.select_related("partner").order_by("accepted_at"))
    context = {
        "agreement": agreement,
        "version": version,
        "acceptances": acceptances,
        "is_proposer": version.proposed_by_id == membership.user_id,
        "diff": version.diff_from(version.based_on) if version.based_on else None,
        "decline_form": decline_form or DeclineForm(),
        "error": error,
    }
    return render(request, "agreements/version.html", context, status=status)


@require_POST
@member_required
def accept(request, membership, pk):
    agreement = _agreement(membership)
    version = _version_or_404(agreement, pk)
    try:
        took_effect = version.accept(membership)
    except AgreementError as error:
        return _version_page(
            request, membership, agreement, version, error=str(error), status=HTTPStatus.CONFLICT
        )
    if not took_effect:
        return redirect("agreements:version", version.pk)
    messages.success(
        request,
        _("You have both accepted. Version %(number)s is now your agreement.")
        % {"number": version.number},
    )
    return redirect("agreements:overview")


@post_only(page="agreements:version")
@member_required
def decline(request, membership, pk):
    agreement = _agreement(membership)
    version = _version_or_404(agreement, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _version_page(
            request,
            membership,
            agreement,
            version,
            decline_form=form,
            status=HTTPStatus.UNPROCESSABLE_ENTITY,
        )
    try:
        version.decline(membership, form.cleaned_data["comment"])
    except AgreementError as error:
        return _version_page(
            request, membership, agreement, version, error=str(error), status=HTTPStatus.CONFLICT
        )
    messages.success(request, _("Your answer and comment are with your partner."))
    return redirect("agreements:overview")


@require_POST
@member_required
def withdraw(request, membership, pk):
    agreement = _agreement(membership)
    version = _version_or_404(agreement, pk)
    try:
        version.withdraw(membership)
    except AgreementError as error:
        return _version_page(
            request, membership, agreement, version, error=str(error), status=HTTPStatus.CONFLICT
        )
    messages.success(request, _("Your proposal was withdrawn. Its text stays in the history."))
    return redirect("agreements:overview")


@require_GET
@member_required
def history(request, membership):
    page, reviews = request.GET.get("page"), request.GET.get("reviews")
    context = {"history": history_for(membership, page, reviews)}
    return render(request, "agreements/history.html", context)


def _default_pair(versions) -> dict:
    """The two latest versions in force: what changed last."""
    numbered = sorted((v for v in versions if v.number), key=lambda v: v.number, reverse=True)
    if not numbered:
        return {}
    return {"newer": numbered[0], "older": numbered[:2][-1]}


@require_GET
@member_required
def compare(request, membership):
    agreement = _agreement(membership)
    latest = agreement.versions.filter(status=Version.Status.ACCEPTED).order_by("-number")[:2]
    pair = _default_pair(latest)
    form = CompareForm(request.GET or None, agreement=agreement, initial=pair)
    if form.is_bound:
        pair = form.cleaned_data if form.is_valid() else {}
    newer, older = pair.get("newer"), pair.get("older")
    context = {
        "form": form,
        "older": older,
        "newer": newer,
        "diff": newer.diff_from(older) if newer else None,
    }
    template = "agreements/compare.html#comparison" if request.htmx else "agreements/compare.html"
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    return render(request, template, context, status=status)


@require_GET
@member_required
def print_view(request, membership):
    agreement = _agreement(membership)
    current = agreement.current_version
    context = {
        "agreement": agreement,
        "current": current,
        "acceptances": current.acceptances.select_related("partner") if current else [],
    }
    return render(request, "agreements/print.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def review(request, membership):
    agreement = _agreement(membership)
    agreement.open_review_if_due(tz.now())
    current_review = agreement.open_review()
    form = ReviewForm(request.POST or None)
    error, status = None, HTTPStatus.OK
    if request.method == "POST" and current_review is None:
        error, status = _("There is no review open right now."), HTTPStatus.CONFLICT
    elif request.method == "POST" and form.is_valid():
        try:
            current_review.answer(membership, **form.cleaned_data)
        except AgreementError as problem:
            error, status = str(problem), HTTPStatus.CONFLICT
        else:
            messages.success(request, _("Thank you. Your answer is saved."))
            return redirect("agreements:review")
    elif form.errors:
        status = HTTPStatus.UNPROCESSABLE_ENTITY
    context = _review_context(membership, agreement, current_review, form, error=error)
    return render(request, "agreements/review.html", context, status=status)


def _review_context(membership, agreement, current_review, form, *, error=None, clause_error=None):
    return {
        "agreement": agreement,
        "review": current_review,
        "error": error,
        "answered": current_review is not None and current_review.answered_by(membership.user),
        "last_review": agreement.reviews.completed().first(),
        "next_review_due": agreement.next_review_due(),
        "form": form,
        "clauses": _clauses_due(agreement, membership, clause_error),
    }


def _clauses_due(agreement, membership, error=None) -> dict:
    """The current version's sections whose review date has come, and who has said
    each still feels right."""
    current = agreement.current_version
    if current is None:
        return {"due": []}
    due = current.clauses_due(couple_today(membership.couple, tz.now()))
    said = Reaffirmation.objects.visible_to(membership.user).filter(version=current)
    said = set(said.values_list("section", "partner_id")) if due else set()
    return {
        "due": due,
        "mine": {section for section, partner in said if partner == membership.user_id},
        "theirs": {section for section, partner in said if partner != membership.user_id},
        "error": error,
    }


@require_POST
@member_required
def reaffirm(request, membership):
    agreement = _agreement(membership)
    form = ReaffirmForm(request.POST)
    if not form.is_valid() or agreement.current_version is None:
        error = _("Please choose a part of your agreement.")
        status = HTTPStatus.UNPROCESSABLE_ENTITY
    else:
        section = form.cleaned_data["section"]
        try:
            agreement.current_version.reaffirm(membership, section, tz.now())
        except AgreementError as problem:
            error, status = str(problem), HTTPStatus.CONFLICT
        else:
            messages.success(request, _("Thank you. It's noted that this still feels right."))
            return redirect("agreements:review")
    review = agreement.open_review()
    context = _review_context(membership, agreement, review, ReviewForm(), clause_error=error)
    return render(request, "agreements/review.html", context, status=status)
