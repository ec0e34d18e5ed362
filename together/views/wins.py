from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import couple_object_or_404, member_required

from ..forms import WinForm
from ..models import Win
from ..services import wins_strip
from ._common import posted, redirect_back, render_tool, status_for

PER_PAGE = 20


@require_http_methods(["GET", "POST"])
@member_required
def win_list(request, membership):
    form = WinForm(posted(request))
    if request.method == "POST" and form.is_valid():
        Win.note(membership, **form.cleaned_data)
        messages.success(request, _("Noted. Small things, noticed, add up."))
        return redirect("together:wins")
    wins = Win.objects.filter(couple=membership.couple).select_related("author")
    context = {
        "form": form,
        "page": Paginator(wins, PER_PAGE).get_page(request.GET.get("page")),
        "strip": wins_strip(membership.couple, tz.now()),
    }
    return render_tool(request, membership, "together/wins.html", context, status_for(form))


@require_POST
@member_required
def thank_win(request, membership, pk):
    win = couple_object_or_404(Win.objects.select_related("author"), membership, pk=pk)
    win.thank(membership)
    messages.success(request, _("Your thank-you is shared."))
    if request.htmx:
        return render(request, "together/wins.html#win", {"win": win})
    return redirect_back(request, "together:wins")


@require_http_methods(["GET", "POST"])
@member_required
def edit_win(request, membership, pk):
    win = couple_object_or_404(Win.objects, membership, pk=pk)
    if not win.may_edit(membership):
        raise PermissionDenied
    form = WinForm(posted(request), initial={"kind": win.kind, "text": win.text})
    if request.method == "POST" and form.is_valid():
        win.edit(membership, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("together:wins")
    context = {"form": form, "win": win}
    return render_tool(request, membership, "together/win_edit.html", context, status_for(form))
