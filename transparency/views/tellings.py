from http import HTTPStatus

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import couple_object_or_404, member_required
from recovery.paging import page_of

from ..forms import TellingForm
from ..models import Telling

PER_PAGE = 20


@require_http_methods(["GET", "POST"])
@member_required
def tellings(request, membership):
    form = TellingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        telling = Telling.offer(membership, **form.cleaned_data)
        messages.success(request, _("It is with your partner, who chooses when to read it."))
        return redirect("transparency:telling", telling.pk)
    offered = Telling.objects.visible_to(membership).select_related("author")
    context = {
        "form": form,
        "page": page_of(offered, request.GET.get("page"), PER_PAGE),
    }
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    return render(request, "transparency/tellings.html", context, status=status)


def _telling(membership, pk) -> Telling:
    queryset = Telling.objects.visible_to(membership).select_related("author")
    return couple_object_or_404(queryset, membership, pk=pk)


@require_GET
@member_required
def telling(request, membership, pk):
    offered = _telling(membership, pk)
    context = {
        "telling": offered,
        "is_open": offered.is_open_to(membership),
        "is_reader": offered.author_id != membership.user_id,
    }
    return render(request, "transparency/telling.html", context)


@require_POST
@member_required
def choose(request, membership, pk):
    offered = _telling(membership, pk)
    offered.choose(membership, read_now=request.POST.get("read") == "now")
    return redirect("transparency:telling", offered.pk)
