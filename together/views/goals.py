from http import HTTPStatus

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import couple_object_or_404, member_required
from recovery.decorators import post_only

from ..forms import GoalForm
from ..models import Goal, GoalChange, StaleGoal, ToolError
from ._common import UNPROCESSABLE, posted, redirect_back, render_tool, status_for


def _pending(membership):
    return GoalChange.objects.pending().filter(couple=membership.couple)


@require_http_methods(["GET", "POST"])
@member_required
def goal_list(request, membership):
    form = GoalForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        GoalChange.propose(membership, None, data["title"], data["why"], data["steps"])
        messages.success(request, _("Proposed. It becomes a shared goal when your partner agrees."))
        return redirect("together:goals")
    context = {
        "form": form,
        "goals": Goal.objects.filter(couple=membership.couple).with_progress(),
        "new_goals": _pending(membership).filter(goal=None).select_related("proposed_by"),
    }
    return render_tool(request, membership, "together/goals.html", context, status_for(form))


def goal_page(request, membership, goal, form=None, status=HTTPStatus.OK):
    steps = list(goal.steps.select_related("done_by"))
    change = _pending(membership).filter(goal=goal).select_related("proposed_by").first()
    if form is None:
        lines = "\n".join(step.text for step in steps)
        initial = {"title": goal.title, "why": goal.why, "steps": lines, "version": goal.version}
        form = GoalForm(initial=initial)
    added, removed = change.step_changes([s.text for s in steps]) if change else ([], [])
    context = {
        "goal": goal,
        "steps": steps,
        "change": change,
        "added": added,
        "removed": removed,
        "form": form,
    }
    return render_tool(request, membership, "together/goal.html", context, status)


@require_GET
@member_required
def goal_detail(request, membership, pk):
    return goal_page(request, membership, couple_object_or_404(Goal.objects, membership, pk=pk))


@post_only(page="together:goal")
@member_required
def propose_change(request, membership, pk):
    goal = couple_object_or_404(Goal.objects, membership, pk=pk)
    form = GoalForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            GoalChange.propose(
                membership, goal, data["title"], data["why"], data["steps"], data["version"]
            )
        except StaleGoal as error:
            # Keep their words, and let the next proposal build on the goal as it is now.
            form = GoalForm(request.POST.dict() | {"version": goal.version})
            form.is_valid()
            form.add_error(None, str(error))
        except ToolError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Proposed. The goal changes when your partner agrees."))
            return redirect("together:goal", goal.pk)
    return goal_page(request, membership, goal, form, UNPROCESSABLE)


@require_POST
@member_required
def mark_step(request, membership, goal_pk, pk):
    goal = couple_object_or_404(Goal.objects, membership, pk=goal_pk)
    step = get_object_or_404(goal.steps.select_related("done_by"), pk=pk)
    done = request.POST.get("done") == "1"
    step.mark(membership, done=done)
    messages.success(request, _("Step marked as done.") if done else _("Step marked as not done."))
    if request.htmx:
        return render(request, "together/goal.html#step", {"goal": goal, "step": step})
    return redirect("together:goal", goal.pk)


@require_POST
@member_required
def decide_change(request, membership, pk, decision):
    change = couple_object_or_404(GoalChange.objects.select_related("goal"), membership, pk=pk)
    action = {"accept": change.accept, "decline": change.decline, "withdraw": change.withdraw}
    try:
        action[decision](membership)
    except ToolError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, DECIDED[decision])
    return redirect_back(request, "together:goals")


DECIDED = {
    "accept": gettext_lazy("Agreed. The goal is updated for you both."),
    "decline": gettext_lazy("Declined. The goal stays as it was."),
    "withdraw": gettext_lazy("Withdrawn. The goal stays as it was."),
}
