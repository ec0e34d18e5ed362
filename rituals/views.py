from functools import wraps
from http import HTTPStatus

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone as tz
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import couple_object_or_404, member_required
from notices.models import Notice
from pacing.models import TIER_NAMES, Exercise, gate_for
from pacing.views import REASONS
from recovery.decorators import post_only
from therapists.audit import therapist_couple_view
from therapists.models import AuditAction

from . import deck, progress
from .forms import CardAnswerForm, MarkForm, ReminderForm, RitualForm
from .models import (
    Card,
    CardAnswer,
    Favourite,
    Feeling,
    Mark,
    Reminder,
    Ritual,
    RitualError,
    Status,
    TierClosed,
)

UNPROCESSABLE = HTTPStatus.UNPROCESSABLE_ENTITY
RECENT_OCCURRENCES = 6
ENDED_SHOWN = 10
ANSWERS_SHOWN = 20


def _gate_context(result) -> dict:
    return {"gate": result, "tier_name": TIER_NAMES[result.tier], "why": REASONS[result.reason]}


def _closed(request, tier: int, result, template="rituals/closed.html"):
    context = {"closed_tier": tier, "closed_tier_name": TIER_NAMES[tier], **_gate_context(result)}
    return render(request, template, context, status=HTTPStatus.FORBIDDEN)


def ritual_required(view):
    """The caller's couple's ritual named by `pk` (404 for anyone else's), and the gate."""

    @wraps(view)
    def wrapper(request, membership, pk):
        queryset = Ritual.objects.visible_to(membership).select_related("exercise")
        ritual = couple_object_or_404(queryset, membership, pk=pk)
        return view(request, membership, ritual, gate_for(membership.couple))

    return wrapper


def _rows(ritual, result, user, now) -> list[dict]:
    """The latest occurrences with both partners' marks, and the caller's own feeling."""
    if ritual.accepted_at is None:
        return []
    days = ritual.schedule.recent(now, RECENT_OCCURRENCES)
    if ritual.ended_at:
        days = [day for day in days if ritual.schedule.moment(day) <= ritual.ended_at]
    marks = {}
    for person_id, occurrence, outcome in Mark.objects.filter(
        ritual=ritual, occurrence__in=days
    ).values_list("person_id", "occurrence", "outcome"):
        marks.setdefault(occurrence, {})[person_id] = outcome
    feelings = {
        feeling.occurrence: feeling
        for feeling in Feeling.objects.visible_to(user).filter(ritual=ritual, occurrence__in=days)
    }
    return [
        {
            "day": day,
            "moment": ritual.schedule.moment(day),
            "mine": marks.get(day, {}).get(user.pk),
            "partner": next((o for p, o in marks.get(day, {}).items() if p != user.pk), None),
            "feeling": feelings.get(day),
        }
        for day in days
    ]


@require_GET
@member_required
def index(request, membership):
    result = gate_for(membership.couple)
    rituals = list(Ritual.objects.visible_to(membership).select_related("exercise").order_by("pk"))
    current = [r for r in rituals if r.status in (Status.PROPOSED, Status.ACTIVE, Status.PAUSED)]
    ended = [r for r in rituals if r not in current][-ENDED_SHOWN:]
    kept = {item.pk: item for item in progress.evidence(membership.couple, tz.now(), rituals)}
    context = {
        "current": [(r, r.gate_allows(result), kept.get(r.pk)) for r in current],
        "ended": ended,
        **_gate_context(result),
    }
    return render(request, "rituals/index.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def new(request, membership):
    result = gate_for(membership.couple)
    couple = membership.couple
    initial = {
        "timezone": couple.timezone,
        "starts_on": tz.now().astimezone(couple.zone).date(),
        "rhythm": "weekly",
        "exercise": request.GET.get("exercise") if request.method == "GET" else None,
    }
    form = RitualForm(request.POST if request.method == "POST" else None, initial=initial)
    # Only the open exercises are offered; any can be named in a POST, and a closed
    # one is then refused kindly (403) by `Ritual.propose`.
    form.fields["exercise"].choices = [("", _("Our own ritual"))] + [
        (e.pk, e.shown_title) for e in Exercise.objects.within(result).only("pk", "title")
    ]
    if request.method == "POST" and form.is_valid():
        try:
            ritual = Ritual.propose(membership, result, **form.ritual_fields())
        except TierClosed as closed:
            return _closed(request, closed.tier, closed.result)
        messages.success(
            request, _("Suggested. Your partner is told, and it starts when they agree.")
        )
        return redirect(ritual.path)
    status = UNPROCESSABLE if form.errors else HTTPStatus.OK
    return render(
        request, "rituals/new.html", {"form": form, **_gate_context(result)}, status=status
    )


def _detail(
    request, membership, ritual, result, mark_form=None, reminder_form=None, status=HTTPStatus.OK
):
    Notice.objects.opened(request.user, 0, ritual.path)
    now = tz.now()
    context = {
        "ritual": ritual,
        "is_open": ritual.gate_allows(result),
        "is_going": ritual.is_going(result),
        "rows": _rows(ritual, result, request.user, now),
        "next_day": ritual.schedule.next_after(now) if ritual.status == Status.ACTIVE else None,
        "mark_form": mark_form,
        "mine": membership.user_id,
        **_gate_context(result),
    }
    mine = Reminder.objects.filter(ritual=ritual, person=request.user).first()
    context["reminder_form"] = reminder_form or ReminderForm(
        initial={"lead_minutes": mine.lead_minutes if mine else ""}
    )
    if ritual.exercise_id and not context["is_open"]:
        context |= {"closed_tier": ritual.exercise.tier, "closed_tier_name": ritual.tier_name}
    return render(request, "rituals/detail.html", context, status=status)


@require_GET
@member_required
@ritual_required
def detail(request, membership, ritual, result):
    return _detail(request, membership, ritual, result)


@post_only(page="rituals:detail")
@member_required
@ritual_required
def mark(request, membership, ritual, result):
    form = MarkForm(request.POST)
    if form.is_valid():
        try:
            ritual.mark(membership, result, **form.cleaned_data)
        except RitualError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Marked. Thank you for making time for each other."))
            return redirect(ritual.path)
    return _detail(request, membership, ritual, result, form, status=UNPROCESSABLE)


@post_only(page="rituals:detail")
@member_required
@ritual_required
def remind(request, membership, ritual, result):
    """Each partner chooses their own reminder, or none."""
    form = ReminderForm(request.POST)
    if not form.is_valid():
        return _detail(
            request, membership, ritual, result, reminder_form=form, status=UNPROCESSABLE
        )
    lead = form.cleaned_data["lead_minutes"]
    if lead is None:
        Reminder.objects.filter(ritual=ritual, person=request.user).delete()
        messages.success(request, _("No reminder for this ritual."))
    else:
        Reminder.objects.update_or_create(
            ritual=ritual, person=request.user, defaults={"lead_minutes": lead}
        )
        messages.success(request, _("Your reminder is set. Only you get it."))
    return redirect(ritual.path)


def _act(verb: str, done: str, gated: bool = False):
    """A button on the ritual's page: call `ritual.<verb>(membership)` (with the gate's
    result too when the act depends on it), then back."""

    @require_POST
    @member_required
    @ritual_required
    def view(request, membership, ritual, result):
        try:
            getattr(ritual, verb)(membership, *([result] if gated else []))
        except TierClosed as closed:
            return _closed(request, closed.tier, closed.result)
        except RitualError as error:
            messages.info(request, str(error))
            return redirect(ritual.path)
        messages.success(request, str(done))
        return redirect(ritual.path)

    view.__name__ = verb
    return view


accept = _act(
    "accept", gettext_lazy("Agreed. Your ritual starts on the day you chose."), gated=True
)
decline = _act("decline", gettext_lazy("Thank you for answering. Nothing starts."))
withdraw = _act("withdraw", gettext_lazy("Your suggestion is withdrawn."))
pause = _act("pause", gettext_lazy("Paused. Pick it up again whenever you both like."))
resume = _act("resume", gettext_lazy("Welcome back to it."))
ask_to_end = _act(
    "ask_to_end", gettext_lazy("Your partner is asked whether to end it. Until then it carries on.")
)
agree_to_end = _act("agree_to_end", gettext_lazy("Ended, as you both wished."))
keep_going = _act("keep_going", gettext_lazy("It carries on."))


# The curiosity deck ---------------------------------------------------------------


@require_GET
@member_required
def deck_page(request, membership):
    result = gate_for(membership.couple)
    draw = deck.on_the_table(membership, result)
    open_cards = Card.objects.within(result)
    favourites = Favourite.objects.filter(
        couple_id=membership.couple_id, card__in=open_cards
    ).select_related("card")
    answers = (
        CardAnswer.objects.visible_to(membership)
        .filter(card__in=open_cards)
        .select_related("card")[:ANSWERS_SHOWN]
    )
    kept = set(favourites.values_list("card_id", flat=True))
    context = {
        "draw": draw,
        "favourites": list(favourites),
        "draw_is_favourite": draw is not None and draw.card_id in kept,
        "answers": list(answers),
        "mine": membership.user_id,
        **_gate_context(result),
    }
    return render(request, "rituals/deck.html", context)


@require_POST
@member_required
def draw(request, membership):
    if deck.draw(membership, gate_for(membership.couple)) is None:
        messages.info(request, _("There are no cards to draw just now."))
    return redirect("rituals:deck")


@require_POST
@member_required
def skip(request, membership):
    deck.skip(membership, gate_for(membership.couple))
    return redirect("rituals:deck")


def card_required(view):
    """A card of the deck: closed tiers are refused kindly, for every method."""

    @wraps(view)
    def wrapper(request, membership, pk):
        result = gate_for(membership.couple)
        card = Card.objects.filter(pk=pk).first()
        if card is None:
            raise Http404
        if not result.opens(card.tier):
            return _closed(request, card.tier, result, "rituals/card_closed.html")
        return view(request, membership, card)

    return wrapper


@require_POST
@member_required
@card_required
def favourite(request, membership, card):
    if deck.toggle_favourite(membership, card):
        messages.success(request, _("Kept among your favourites."))
    else:
        messages.info(request, _("Taken out of your favourites."))
    return redirect("rituals:deck")


@require_http_methods(["GET", "POST"])
@member_required
@card_required
def answer(request, membership, card):
    mine = CardAnswer.objects.filter(
        couple_id=membership.couple_id, card=card, author=request.user
    ).first()
    initial = {"text": mine.text, "shared": mine.shared} if mine else None
    form = CardAnswerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        deck.answer(membership, card, **form.cleaned_data)
        if form.cleaned_data["shared"]:
            messages.success(request, _("Saved, and shared with your partner."))
        else:
            messages.success(request, _("Saved, just for you."))
        return redirect("rituals:deck")
    partner = (
        CardAnswer.objects.visible_to(membership).filter(card=card).exclude(author=request.user)
    )
    context = {"card": card, "form": form, "partner_answer": partner.first()}
    return render(
        request,
        "rituals/answer.html",
        context,
        status=UNPROCESSABLE if form.errors else HTTPStatus.OK,
    )


# The therapist's view -------------------------------------------------------------


@therapist_couple_view(AuditAction.VIEW_RITUALS)
def therapist_couple(request, couple):
    """Which rituals exist and how often both marked "we did it"; never how it felt."""
    context = {"couple": couple, "evidence": progress.evidence(couple, tz.now())}
    return render(request, "rituals/therapist_couple.html", context)
