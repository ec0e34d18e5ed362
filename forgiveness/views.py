from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import hurt_partner_required, member_required

from .forms import MessageForm, ReflectionForm
from .models import Message, Reflection

UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY
REFLECTIONS_SHOWN = 50


@hurt_partner_required
@require_http_methods(["GET", "POST"])
def space(request, membership):
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        Reflection.objects.create(author=request.user, **form.cleaned_data)
        messages.success(request, _("Saved, just for you."))
        return redirect("forgiveness:space")
    context = {
        "form": form,
        "reflections": Reflection.objects.visible_to(request.user)[:REFLECTIONS_SHOWN],
        "own_messages": Message.objects.filter(author=request.user, couple=membership.couple),
    }
    return render(
        request, "forgiveness/space.html", context, status=UNPROCESSABLE if form.errors else 200
    )


@hurt_partner_required
@require_http_methods(["GET", "POST"])
def write(request, membership):
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = Message.objects.create(
            couple=membership.couple, author=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Saved as a private draft. Nothing has been shared."))
        return redirect(message.path)
    status = UNPROCESSABLE if form.errors else HTTPStatus.OK
    return render(request, "forgiveness/write.html", {"form": form}, status=status)


def _visible(membership, pk) -> Message:
    message = Message.objects.visible_to(membership).filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


@member_required
def message(request, membership, pk):
    """The author's draft or shared message; the partner's only once it is shared.
    Whether it is visible is settled before the method: a message someone may not see
    is a 404 whatever they ask."""
    found = _visible(membership, pk)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = None
    if found.is_authored_by(membership) and not found.is_shared:
        form = MessageForm(request.POST or None, initial={"text": found.text})
    if request.method == "POST":
        if not found.is_authored_by(membership):
            raise PermissionDenied
        if form is None:
            messages.info(request, _("This message was shared, so it stays as it was."))
            return redirect(found.path)
        if form.is_valid():
            found.revise(form.cleaned_data["text"])
            messages.success(request, _("Draft saved. Nothing has been shared."))
            return redirect(found.path)
    context = {"message": found, "form": form, "is_author": found.is_authored_by(membership)}
    status = UNPROCESSABLE if form is not None and form.errors else HTTPStatus.OK
    return render(request, "forgiveness/message.html", context, status=status)


@hurt_partner_required  # first: for anyone else, any method is a 404
@require_POST
def share(request, membership, pk):
    draft = Message.objects.filter(author=request.user, couple=membership.couple, pk=pk).first()
    if draft is None:
        raise Http404
    if draft.share(membership):
        messages.success(request, _("Shared. Your partner can read it now."))
    else:
        messages.info(request, _("This message was already shared."))
    return redirect(draft.path)
