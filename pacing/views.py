from dataclasses import dataclass
from functools import wraps
from http import HTTPStatus
from itertools import groupby
from operator import itemgetter

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import couple_object_or_404, member_required
from recovery.links import url_maker
from therapists.guidance import guidance_for

from .forms import FalseConnectionForm, ReadinessForm, ReflectionForm
from .gate import Reason
from .models import (
    TIER_NAMES,
    Exercise,
    ExerciseSession,
    FalseConnectionCheck,
    Often,
    ReadinessReport,
    Reflection,
    gate_and_rules,
    gate_for,
    library_text,
)

HISTORY_LENGTH = 30
RECENT_SESSIONS = 5

# Kind words for the gate's reasons. They never mention anyone's numbers.
REASONS = {
    Reason.NO_REPORTS: gettext_lazy(
        "More exercises open as readiness check-ins build up over time. The steadying "
        "exercises are here for you both from the start."
    ),
    Reason.STEADY: gettext_lazy(
        "The next tier opens once readiness has held steady for a while. There is no rush: "
        "small, steady steps are what rebuild safety."
    ),
    Reason.SLOWED: gettext_lazy(
        "Things slowed down a little recently. That is a normal, healthy part of recovery, "
        "not a step backwards."
    ),
    Reason.CEILING: gettext_lazy("Your therapist has suggested staying with these tiers for now."),
    Reason.ALL_OPEN: gettext_lazy(
        "Every tier is open. Go gently, and come back to earlier exercises whenever you like."
    ),
}


def _gate_context(result) -> dict:
    return {"gate": result, "tier_name": TIER_NAMES[result.tier], "why": REASONS[result.reason]}


def _closed(request, exercise, result):
    context = {"exercise": exercise, **_gate_context(result)}
    return render(request, "pacing/closed.html", context, status=HTTPStatus.FORBIDDEN)


def exercise_open_required(view):
    """Resolve the exercise (by slug, or through one of the couple's sessions) and
    refuse kindly, for every method, when its tier is not open for the couple."""

    @wraps(view)
    def wrapper(request, membership, slug=None, pk=None):
        session = None
        if pk is not None:
            session = couple_object_or_404(ExerciseSession.objects.all(), membership, pk=pk)
            lookup = {"pk": session.exercise_id}
        else:
            lookup = {"slug": slug}
        result = gate_for(membership.couple)
        exercise = get_object_or_404(Exercise.objects.marked_open(result), **lookup)
        if not exercise.is_open:
            return _closed(request, exercise, result)
        if session is None:
            return view(request, membership, exercise)
        session.exercise = exercise
        return view(request, membership, session)

    return wrapper


@member_required
@require_GET
def index(request, membership):
    couple = membership.couple
    result, rules = gate_and_rules(couple)
    library = list(
        Exercise.objects.values_list("pk", "slug", "tier", "title", "purpose", "minutes")
    )
    titles = {pk: library_text(title) for pk, _slug, _tier, title, *_rest in library}
    context = {
        "library": _library(library, result),
        "sessions": _recent_sessions(couple, titles),
        "guidance": guidance_for(couple, result, rules),
        **_gate_context(result),
    }
    return render(request, "pacing/index.html", context)


@dataclass(frozen=True)
class Tier:
    number: int
    heading: str
    is_open: bool
    exercises: list[tuple[str, str, str, str]]  # title, purpose, length, link when open


def _library(library, result) -> list[Tier]:
    """The library by tier; the exercises of open tiers with their links. The words
    around the numbers are translated here, once for each length a card gives, rather
    than by a plural tag in each of the cards."""
    link = url_maker("pacing:exercise", "placeholder-slug")
    lengths = {}
    tiers = []
    for tier, exercises in groupby(library, key=itemgetter(2)):
        is_open = result.opens(tier)
        cards = []
        for _pk, slug, _tier, title, purpose, minutes in exercises:
            if minutes not in lengths:
                lengths[minutes] = ngettext(
                    "About %(minutes)s minute", "About %(minutes)s minutes", minutes
                ) % {"minutes": number_format(minutes)}
            shown = (library_text(title), library_text(purpose), lengths[minutes])
            cards.append((*shown, link(slug) if is_open else ""))
        heading = _("Tier %(tier)s: %(name)s") % {
            "tier": number_format(tier),
            "name": TIER_NAMES[tier],
        }
        tiers.append(Tier(tier, heading, is_open, cards))
    return tiers


def _recent_sessions(couple, titles: dict[int, str]) -> list[tuple]:
    """The couple's latest sessions as (link, title, done, started), with the titles
    already read."""
    link = url_maker("pacing:session", 999999999)
    return [
        (link(session.pk), titles[session.exercise_id], session.completed_at, session.started_at)
        for session in ExerciseSession.objects.latest_of(couple, RECENT_SESSIONS)
    ]


@member_required
@require_http_methods(["GET", "POST"])
def readiness(request, membership):
    form = ReadinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ReadinessReport.objects.create(
            couple=membership.couple, author=request.user, role=membership.role, **form.cleaned_data
        )
        messages.success(request, _("Thank you for checking in with yourself."))
        return redirect("pacing:index")
    history = ReadinessReport.objects.filter(
        couple=membership.couple, author=request.user
    ).order_by("-created_at")[:HISTORY_LENGTH]
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    context = {"form": form, "history": history, "membership": membership}
    return render(request, "pacing/readiness.html", context, status=status)


# A line for each answer that was not "not at all": what is often true, never a verdict.
NOTICED = {
    "rushed": gettext_lazy(
        "Wanting to feel close again after a hard time is human. Closeness that arrives "
        "before safety tends to cover the hurt rather than mend it; smaller steps hold better."
    ),
    "said_fine": gettext_lazy(
        "“I'm fine” can keep an evening calm. Letting your partner see a little "
        "of what is really there, when you can, is how trust gets something real to stand on."
    ),
    "avoided": gettext_lazy(
        "Putting off a hard conversation is understandable. A calm moment, an agreed time "
        "limit and the pause signal can make it feel less like standing at a cliff edge."
    ),
    "pressured": gettext_lazy(
        "Forgiving and moving on cannot be hurried, from either side. Whatever you feel "
        "about them, they are allowed to take their own time."
    ),
    "affection": gettext_lazy(
        "Affection is precious, and it works best beside the hard things, not instead of "
        "them. A hug can come after the conversation, too."
    ),
}
HELD_BACK = gettext_lazy(
    "Because something felt rushed, pressured or not quite true lately, the exercises will "
    "go a little slower for now. That is not a step backwards: it gives you both room."
)
ALL_CLEAR = gettext_lazy(
    "Thank you for checking. Noticing is the whole point; there is nothing to score here."
)


def _after_answering(check) -> list[str]:
    if check is None:
        return []
    lines = [NOTICED[name] for name in FalseConnectionForm.QUESTIONS if getattr(check, name)]
    if check.holds:
        lines.append(HELD_BACK)
    return lines or [ALL_CLEAR]


@member_required
@require_http_methods(["GET", "POST"])
def false_connection(request, membership):
    form = FalseConnectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        FalseConnectionCheck.objects.create(
            couple=membership.couple, author=request.user, role=membership.role, **form.cleaned_data
        )
        messages.success(request, _("Thank you for looking at this honestly, and kindly."))
        return redirect("pacing:false_connection")
    history = list(
        FalseConnectionCheck.objects.visible_to(request.user)
        .filter(couple=membership.couple)
        .order_by("-created_at", "-pk")[:HISTORY_LENGTH]
    )
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    context = {
        "form": form,
        "history": history,
        "after": _after_answering(history[0] if history else None),
        "often": Often,
    }
    return render(request, "pacing/false_connection.html", context, status=status)


@member_required
@exercise_open_required
@require_GET
def exercise_detail(request, membership, exercise):
    return render(request, "pacing/exercise.html", {"exercise": exercise})


@member_required
@exercise_open_required
@require_POST
def start(request, membership, exercise):
    session = exercise.start(membership.couple, request.user)
    return redirect("pacing:session", pk=session.pk)


@member_required
@exercise_open_required
@require_GET
def session_detail(request, membership, session):
    reflection = Reflection.objects.filter(session=session, author=request.user).first()
    context = {"session": session, "exercise": session.exercise, "reflection": reflection}
    return render(request, "pacing/session.html", context)


@member_required
@exercise_open_required
@require_POST
def complete(request, membership, session):
    session.complete()
    return redirect("pacing:reflect", pk=session.pk)


@member_required
@exercise_open_required
@require_http_methods(["GET", "POST"])
def reflect(request, membership, session):
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session.reflect(request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. Your reflection is saved, just for you."))
        return redirect("pacing:session", pk=session.pk)
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    context = {"form": form, "session": session, "exercise": session.exercise}
    return render(request, "pacing/reflect.html", context, status=status)
