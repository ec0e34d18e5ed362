from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import JournalForm, SelfCarePlanForm
from ..models import JournalEntry, SelfCarePlan
from ..selfcare import weekly_prompt
from ._common import personal, posted, render_tool, status_for

PER_PAGE = 20


@require_http_methods(["GET", "POST"])
@personal
def journal(request, membership):
    form = JournalForm(posted(request))
    if request.method == "POST" and form.is_valid():
        JournalEntry.objects.create(author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Saved in your journal. Only you can see it."))
        return redirect("together:journal")
    entries = JournalEntry.objects.written_by(request.user)
    context = {
        "form": form,
        "page": Paginator(entries, PER_PAGE).get_page(request.GET.get("page")),
        "plan": SelfCarePlan.objects.filter(user=request.user).first(),
        "prompt": weekly_prompt(tz.now(), request.user.zone),
    }
    return render_tool(request, membership, "together/journal.html", context, status_for(form))


@require_POST
@personal
def delete_entry(request, membership, pk):
    get_object_or_404(JournalEntry.objects.written_by(request.user), pk=pk).delete()
    messages.success(request, _("The entry is deleted."))
    return redirect("together:journal")


@require_http_methods(["GET", "POST"])
@personal
def self_care(request, membership):
    plan = SelfCarePlan.objects.filter(user=request.user).first() or SelfCarePlan(user=request.user)
    form = SelfCarePlanForm(posted(request), instance=plan)
    if request.method == "POST" and form.is_valid():
        plan = form.save(commit=False)
        plan.updated_at = tz.now()
        plan.save()
        messages.success(request, _("Your plan is saved. Be as kind to yourself as you can."))
        return redirect("together:journal")
    return render_tool(
        request, membership, "together/self_care.html", {"form": form}, status_for(form)
    )
