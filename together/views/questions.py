from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import couple_object_or_404, member_required
from accounts.hints import offer_gentle_hint
from recovery.decorators import post_only

from ..forms import AnswerForm, QuestionForm
from ..models import Question, ToolError
from ._common import UNPROCESSABLE, posted, render_tool, status_for

PER_PAGE = 20


@require_http_methods(["GET", "POST"])
@member_required
def question_list(request, membership):
    form = QuestionForm(posted(request))
    if request.method == "POST":
        if not Question.may_ask(membership):
            raise PermissionDenied
        if form.is_valid():
            question = Question.ask(membership, **form.cleaned_data)
            messages.success(request, _("Your question is saved. Thank you for asking it."))
            return redirect("together:question", question.pk)
    questions = Question.objects.filter(couple=membership.couple).with_answer_times()
    context = {
        "form": form if Question.may_ask(membership) else None,
        "page": Paginator(questions, PER_PAGE).get_page(request.GET.get("page")),
    }
    return render_tool(request, membership, "together/questions.html", context, status_for(form))


def _question(membership, pk):
    questions = Question.objects.with_answer_times().select_related("asked_by")
    return couple_object_or_404(questions, membership, pk=pk)


def question_page(request, membership, question, form=None, status=HTTPStatus.OK):
    revisions = list(question.answers.select_related("author"))
    current = revisions[-1] if revisions else None
    may_answer = Question.may_answer(membership)
    if may_answer and form is None:
        form = AnswerForm(initial={"text": current.text if current else ""})
    context = {
        "question": question,
        "current": current,
        "earlier": revisions[-2::-1],
        "form": form if may_answer else None,
        "kept_for_session": question.is_held_for_session and not may_answer,
        "is_asker": question.asked_by_id == membership.user_id,
    }
    return render_tool(request, membership, "together/question.html", context, status)


@require_GET
@member_required
def question_detail(request, membership, pk):
    return question_page(request, membership, _question(membership, pk))


@post_only(page="together:question")
@member_required
def answer_question(request, membership, pk):
    question = _question(membership, pk)
    if not Question.may_answer(membership):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            question.answer(membership, form.cleaned_data["text"])
        except ToolError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("Your answer is shared. Thank you for your honesty."))
            offer_gentle_hint(request, form.cleaned_data["text"])
            return redirect("together:question", question.pk)
    return question_page(request, membership, question, form, UNPROCESSABLE)


@require_POST
@member_required
def hold_for_therapist(request, membership, pk):
    _question(membership, pk).hold_for_therapist(membership)
    messages.success(request, _("Noted. You can answer this together with your therapist."))
    return redirect("together:question", pk)


@require_POST
@member_required
def open_answer(request, membership, pk):
    _question(membership, pk).open_answer(membership)
    return redirect("together:question", pk)


@require_POST
@member_required
def revisit(request, membership, pk):
    _question(membership, pk).ask_to_revisit(membership)
    messages.success(request, _("Your partner will see that you'd like to come back to this."))
    return redirect("together:question", pk)
