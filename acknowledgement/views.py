from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.access import member_required
from accounts.hints import offer_gentle_hint
from recovery.decorators import post_only
from recovery.paging import page_of
from therapists.audit import therapist_couple_view
from therapists.models import AuditAction

from .forms import ChooseForm, CommentForm, DraftForm, ReplyForm
from .models import (
    STEPS,
    Letter,
    LetterComment,
    LetterError,
    LetterReply,
    therapist_with_access,
)

UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY
PER_PAGE = 20
WRITE = "acknowledgement/write.html"


@require_GET
@member_required
def index(request, membership):
    mine = Letter.objects.filter(couple_id=membership.couple_id, author_id=membership.user_id)
    received = (
        Letter.objects.visible_to(membership).received().exclude(author_id=membership.user_id)
    )
    context = {
        "membership": membership,
        "draft": mine.drafts().defer(*STEPS).first() if membership.is_involved else None,
        "mine": page_of(mine.delivered().defer(*STEPS), request.GET.get("page"), PER_PAGE),
        "offered": list(Letter.objects.offered_to(membership)),
        "received": page_of(received.defer(*STEPS), request.GET.get("page"), PER_PAGE),
    }
    return render(request, "acknowledgement/index.html", context)


def _author(membership):
    """The letter is written by the involved partner; for anyone else there is no draft."""
    if not membership.is_involved:
        raise Http404
    return membership


def _draft_form(membership, draft, data=None) -> DraftForm:
    if draft is not None:
        start = draft
    else:  # a new version starts from the words of the last one
        start = Letter.objects.filter(couple_id=membership.couple_id).delivered().first()
    initial = {name: getattr(start, name) for name in STEPS} if start else {}
    number = draft.number if draft else Letter.next_number(membership)
    return DraftForm(data, initial=initial | {"number": number})


def write_page(request, membership, status=HTTPStatus.OK, form=None):
    draft = Letter.draft_of(membership)
    context = {
        "draft": draft,
        "form": form or _draft_form(membership, draft),
        "comments": LetterComment.objects.visible_to(membership).filter(letter=draft)
        if draft
        else [],
        "therapist": therapist_with_access(membership.couple_id),
    }
    return render(request, WRITE, context, status=status)


@require_GET
@member_required
def write(request, membership):
    return write_page(request, _author(membership))


@post_only(page="acknowledgement:write")
@member_required
def save(request, membership):
    _author(membership)
    form = DraftForm(request.POST)
    ready = "ready" in request.POST
    letter = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            letter = Letter.save_draft(membership, data, data["number"])
            if ready:
                letter.mark_ready(membership)
        except LetterError as error:
            form.add_error(None, str(error))
    if form.errors:
        if request.htmx:
            return render(request, f"{WRITE}#save_status", {"form": form}, status=UNPROCESSABLE)
        return write_page(request, membership, UNPROCESSABLE, form=form)
    if request.htmx:
        return render(request, f"{WRITE}#save_status", {"saved_at": tz.now(), "form": form})
    offer_gentle_hint(request, *form.texts())
    if ready:
        messages.success(
            request, _("Your letter is with your partner, who chooses when to receive it.")
        )
        return redirect(letter.path)
    messages.success(request, _("Draft saved. Only you can see it."))
    return redirect("acknowledgement:write")


@require_POST
@member_required
def review(request, membership):
    draft = Letter.draft_of(_author(membership))
    if draft is None:
        messages.error(request, _("Write something first, then ask your therapist to read it."))
        return redirect("acknowledgement:write")
    try:
        if request.POST.get("action") == "end":
            draft.end_review(membership)
            messages.success(request, _("Your therapist no longer sees this draft."))
        else:
            draft.ask_review(membership)
            messages.success(
                request, _("Your therapist can read this draft now. Only you see their comments.")
            )
    except LetterError as error:
        messages.error(request, str(error))
    return redirect("acknowledgement:write")


def _visible(membership, pk) -> Letter | None:
    return Letter.objects.visible_to(membership).filter(pk=pk).first()


def _offered(membership, pk) -> dict | None:
    return Letter.objects.offered_to(membership).filter(pk=pk).first()


def letter_page(request, membership, pk, status=HTTPStatus.OK, **forms):
    letter = _visible(membership, pk)
    if letter is None:
        offered = _offered(membership, pk)
        if offered is None:
            raise Http404
        context = {"offered": offered, "choose_form": forms.get("choose_form") or ChooseForm()}
        return render(request, "acknowledgement/choose.html", context, status=status)
    if letter.is_draft:
        return redirect("acknowledgement:write")
    is_author = letter.author_id == membership.user_id
    reply = LetterReply.objects.visible_to(membership).filter(letter=letter).first()
    context = {
        "letter": letter,
        "is_author": is_author,
        "reply": reply,
        "comments": LetterComment.objects.visible_to(membership).filter(letter=letter),
        "therapist": therapist_with_access(membership.couple_id) if is_author else None,
    }
    if not is_author and not (reply and reply.is_shared):
        initial = {"text": reply.text} if reply else {}
        context["reply_form"] = forms.get("reply_form") or ReplyForm(initial=initial)
    return render(request, "acknowledgement/letter.html", context, status=status)


@require_GET
@member_required
def letter(request, membership, pk):
    return letter_page(request, membership, pk)


@post_only(page="acknowledgement:letter")
@member_required
def choose(request, membership, pk):
    if _offered(membership, pk) is None:
        letter = _visible(membership, pk)
        if letter is None:
            raise Http404
        if letter.author_id == membership.user_id:
            raise PermissionDenied
        return _already_received(request, letter)
    form = ChooseForm(request.POST)
    if not form.is_valid():
        return letter_page(request, membership, pk, UNPROCESSABLE, choose_form=form)
    letter = Letter.objects.delivered().get(pk=pk)
    try:
        letter.choose(membership, form.cleaned_data["choice"])
    except LetterError:  # a second tap that crossed the first: "now" already holds
        return _already_received(request, letter)
    messages.success(request, CHOSEN[form.cleaned_data["choice"]])
    return redirect(letter.path)


def _already_received(request, letter):
    messages.info(request, _("You have received this letter. It stays here for you."))
    return redirect(letter.path)


CHOSEN = {
    "now": gettext_lazy("Here it is. Take your time."),
    "session": gettext_lazy(
        "It will wait for your next session. You can change your mind any time."
    ),
    "not_yet": gettext_lazy("It will wait for you. Nothing is lost by waiting."),
}


@post_only(page="acknowledgement:letter")
@member_required
def reply(request, membership, pk):
    letter = _visible(membership, pk)
    if letter is None:
        if _offered(membership, pk) is not None:
            raise PermissionDenied
        raise Http404
    if letter.author_id == membership.user_id:
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if form.is_valid():
        share = form.cleaned_data["share"] == "shared"
        try:
            LetterReply.save_for(membership, letter, form.cleaned_data["text"], share)
        except LetterError as error:
            form.add_error(None, str(error))
        else:
            offer_gentle_hint(request, form.cleaned_data["text"])
            done = _("Shared with your partner.") if share else _("Kept for you alone.")
            messages.success(request, done)
            return redirect(letter.path)
    return letter_page(request, membership, pk, UNPROCESSABLE, reply_form=form)


@require_POST
@member_required
def share(request, membership, pk):
    letter = _visible(membership, pk)
    if letter is None:
        raise Http404
    sharing = request.POST.get("share") == "yes"
    try:
        letter.share_with_therapist(membership, sharing)
    except LetterError as error:
        messages.error(request, str(error))
    else:
        done = (
            _("Your therapist can read this letter.")
            if sharing
            else _("Your therapist no longer sees this letter.")
        )
        messages.success(request, done)
    return redirect(letter.path)


# --- The therapist -------------------------------------------------------------------


def therapist_page(request, couple, status=HTTPStatus.OK, form=None):
    letters = list(Letter.objects.for_therapist(request.user).filter(couple=couple))
    draft = next((item for item in letters if item.is_draft), None)
    context = {
        "couple": couple,
        "draft": draft,
        "shared": [item for item in letters if not item.is_draft],
        "comments": LetterComment.objects.filter(letter=draft, therapist=request.user)
        if draft
        else [],
        "form": form or CommentForm(),
    }
    return render(request, "acknowledgement/therapist.html", context, status=status)


@therapist_couple_view(AuditAction.READ_ASKED)
def therapist(request, couple):
    return therapist_page(request, couple)


@therapist_couple_view(AuditAction.COMMENT_ASKED, methods=("POST",))
def comment(request, couple):
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            LetterComment.write(couple, request.user, form.cleaned_data["text"])
        except LetterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your comment is with the one who wrote the letter."))
            return redirect("acknowledgement:therapist", couple.pk)
    return therapist_page(request, couple, UNPROCESSABLE, form=form)
