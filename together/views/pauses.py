from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import couple_object_or_404, member_required

from ..forms import PauseForm
from ..models import Pause, ToolError
from ._common import posted, redirect_back, render_tool, status_for

HISTORY_SHOWN = 20


@require_http_methods(["GET", "POST"])
@member_required
def pause_page(request, membership):
    form = PauseForm(posted(request), zone=request.user.zone, now=tz.now())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            Pause.start(membership, data["ends_at"], data["reason"])
        except ToolError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your pause has started. Take the time you need."))
            return redirect("together:pause")
    history = Pause.objects.filter(couple=membership.couple).select_related("requested_by")
    context = {
        "form": form,
        "history": history[:HISTORY_SHOWN],
        "count": history.count(),
    }
    return render_tool(request, membership, "together/pause.html", context, status_for(form))


@require_POST
@member_required
def end_pause(request, membership, pk):
    pause = couple_object_or_404(Pause.objects.defer("reason"), membership, pk=pk)
    pause.end(membership)
    messages.success(
        request,
        _("Welcome back. If it helps, you could begin with: “%(line)s”")
        % {"line": pause.opening_line},
    )
    return redirect_back(request, "together:pause")
