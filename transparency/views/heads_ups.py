from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import couple_object_or_404, member_required
from recovery.decorators import post_only
from recovery.paging import page_of
from together.forms import QuestionForm
from together.models import Question

from ..forms import HeadsUpForm
from ..models import HeadsUp, HeadsUpKind, TransparencyError

PER_PAGE = 20
UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY


def _posted(request):
    return request.POST if request.method == "POST" else None


def _heads_up(membership, pk) -> HeadsUp:
    queryset = HeadsUp.objects.visible_to(membership).select_related("author")
    return couple_object_or_404(queryset, membership, pk=pk)


@require_GET
@member_required
def heads_up_list(request, membership):
    heads_ups = HeadsUp.objects.visible_to(membership).listed()
    context = {"page": page_of(heads_ups, request.GET.get("page"), PER_PAGE)}
    return render(request, "transparency/heads_ups.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def new_heads_up(request, membership):
    form = HeadsUpForm(_posted(request), zone=request.user.zone)
    if request.method == "POST" and form.is_valid():
        heads_up = HeadsUp.post(membership, **form.cleaned_data)
        messages.success(request, _("Your heads-up is with your partner. Thank you for telling."))
        return redirect("transparency:heads_up", heads_up.pk)
    status = UNPROCESSABLE if form.errors else HTTPStatus.OK
    context = {"form": form, "kinds": HeadsUpKind.choices}
    return render(request, "transparency/new.html", context, status=status)


def detail_page(request, membership, heads_up, ask_form=None, status=HTTPStatus.OK):
    may_ask = Question.may_ask(membership) and heads_up.author_id != membership.user_id
    links = heads_up.questions.select_related("question").order_by("question__asked_at")
    context = {
        "heads_up": heads_up,
        "versions": heads_up.versions.all(),
        "questions": [link.question for link in links],
        "may_edit": heads_up.may_edit(membership),
        "may_thank": heads_up.may_thank(membership),
        "ask_form": (ask_form or QuestionForm()) if may_ask else None,
    }
    return render(request, "transparency/heads_up.html", context, status=status)


@require_GET
@member_required
def heads_up_detail(request, membership, pk):
    return detail_page(request, membership, _heads_up(membership, pk))


@require_http_methods(["GET", "POST"])
@member_required
def edit_heads_up(request, membership, pk):
    heads_up = _heads_up(membership, pk)
    if not heads_up.may_edit(membership):
        raise PermissionDenied
    initial = {
        "kind": heads_up.kind,
        "happened_at": heads_up.happened_at,
        "line": heads_up.line,
        "section": heads_up.section,
    }
    form = HeadsUpForm(_posted(request), initial=initial, zone=request.user.zone)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            heads_up.edit(
                membership,
                data["kind"],
                data["happened_at"] or heads_up.happened_at,
                data["line"],
                data["section"],
            )
        except TransparencyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Changed. Your partner sees the earlier text too."))
            return redirect("transparency:heads_up", heads_up.pk)
    status = UNPROCESSABLE if form.errors else HTTPStatus.OK
    context = {"form": form, "kinds": HeadsUpKind.choices, "heads_up": heads_up}
    return render(request, "transparency/new.html", context, status=status)


@require_POST
@member_required
def thank(request, membership, pk):
    heads_up = _heads_up(membership, pk)
    heads_up.thank(membership)
    if request.htmx:
        return render(request, "transparency/heads_up.html#thanks", {"heads_up": heads_up})
    messages.success(request, _("Your thanks is on its way."))
    return redirect("transparency:heads_up", heads_up.pk)


@post_only(page="transparency:heads_up")
@member_required
def ask(request, membership, pk):
    heads_up = _heads_up(membership, pk)
    if not Question.may_ask(membership) or heads_up.author_id == membership.user_id:
        raise PermissionDenied
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return detail_page(request, membership, heads_up, form, UNPROCESSABLE)
    question = heads_up.ask_about(membership, **form.cleaned_data)
    messages.success(request, _("Your question is saved. Thank you for asking it."))
    return redirect("together:question", question.pk)
