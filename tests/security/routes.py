"""Every URL pattern of the project, filled with real ids from the security world."""

import functools
import re
from dataclasses import dataclass, field

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .world import World

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HX-GET", "HX-POST")


@dataclass(frozen=True)
class Route:
    key: str  # the URL name, or the route itself for an unnamed pattern
    route: str
    name: str | None
    callback: object = field(compare=False, repr=False, default=None)

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("admin/")


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = namespace + entry.name if entry.name else None
            route = prefix + str(entry.pattern)
            yield Route(key=name or route, route=route, name=name, callback=entry.callback)


@functools.cache
def all_routes() -> tuple[Route, ...]:
    """Every pattern, once per key (a name used by two patterns is one entry)."""
    routes = {}
    for route in _walk(get_resolver()):
        routes.setdefault(route.key, route)
    return tuple(sorted(routes.values(), key=lambda r: r.route))


def _week(w):
    return {"week": w.ids["week"]}


def _pk(key):
    return lambda w: {"pk": w.ids[key]}


STEP_PAGES = ("step", "start", "next_turn", "complete")

# How to fill each named pattern that takes arguments: the couple's real objects,
# authored by Sam (the "author" actor) unless the name says otherwise.
KWARGS = {
    "checkins:week": _week,
    "checkins:status": _week,
    "checkins:save_answer": _week,
    "checkins:save_shared": _week,
    "agreements:version": _pk("proposal"),
    "agreements:accept": _pk("proposal"),
    "agreements:decline": _pk("proposal"),
    "agreements:withdraw": _pk("proposal"),
    "triggers:detail": _pk("shared_trigger"),
    "triggers:edit": _pk("shared_trigger"),
    "triggers:reassure": _pk("shared_trigger"),
    "pacing:exercise": lambda w: {"slug": w.ids["exercise"]},
    "pacing:start": lambda w: {"slug": w.ids["exercise"]},
    "pacing:session": _pk("session"),
    "pacing:complete": _pk("session"),
    "pacing:reflect": _pk("session"),
    "together:question": _pk("question"),
    "together:answer": _pk("question"),
    "together:with_therapist": _pk("question"),
    "together:open_answer": _pk("held_question"),
    "together:revisit": _pk("question"),
    "together:end_pause": _pk("pause"),
    "together:thank_win": _pk("win"),
    "together:edit_win": _pk("win"),
    "together:goal": _pk("goal"),
    "together:propose_change": _pk("goal"),
    "together:mark_step": lambda w: {"goal_pk": w.ids["goal"], "pk": w.ids["step"]},
    "together:accept_change": _pk("goal_change"),
    "together:decline_change": _pk("goal_change"),
    "together:withdraw_change": _pk("goal_change"),
    "together:delete_entry": _pk("sam_journal"),
    "repair:detail": _pk("repair"),
    "repair:save_side": _pk("repair"),
    "repair:answer_heard": _pk("repair"),
    "repair:withdraw": _pk("repair"),
    "repair:propose_plan": _pk("completed_repair"),
    "repair:accept_plan": _pk("plan_change"),
    "repair:decline_plan": _pk("plan_change"),
    "repair:withdraw_plan": _pk("plan_change"),
    "forgiveness:message": _pk("forgiveness_draft"),
    "forgiveness:share": _pk("forgiveness_draft"),
    **{
        f"rituals:{name}": _pk("ritual")
        for name in (
            "detail",
            "mark",
            "remind",
            "pause",
            "resume",
            "ask_to_end",
            "agree_to_end",
            "keep_going",
        )
    },
    **{f"rituals:{name}": _pk("proposed_ritual") for name in ("accept", "decline", "withdraw")},
    "rituals:favourite": _pk("card"),
    **{f"practice:{name}": _pk("practice") for name in ("detail", "mark", "start")},
    "rituals:answer": _pk("card"),
    "intensives:detail": _pk("intensive"),
    **{f"intensives:{name}": _pk("intensive_step") for name in STEP_PAGES},
    **{
        f"intensives:{name}": lambda w: {"couple_id": w.couple.pk, "pk": w.ids["intensive"]}
        for name in ("therapist_intensive", "add_step")
    },
    "transparency:heads_up": _pk("heads_up"),
    "transparency:edit": _pk("heads_up"),
    "transparency:thank": _pk("heads_up"),
    "transparency:ask": _pk("heads_up"),
    "transparency:telling": _pk("telling"),
    "transparency:choose": _pk("telling"),
    "acknowledgement:letter": _pk("received_letter"),
    "acknowledgement:choose": _pk("waiting_letter"),
    "acknowledgement:reply": _pk("received_letter"),
    "acknowledgement:share": _pk("received_letter"),
    **{
        f"archive:{page}": lambda w: {"couple_id": w.ids["archived_couple"]}
        for page in ("space", "checkins", "triggers", "agreement", "questions")
    },
    "therapists:couple_detail": lambda w: {"couple_id": w.couple.pk},
    "therapists:add_note": lambda w: {"couple_id": w.couple.pk},
    "therapists:set_label": lambda w: {"couple_id": w.couple.pk},
    "join": lambda w: {"token": w.ids["join_token"]},
    "remove_device": _pk("push_device"),
    "unsubscribe": lambda w: {"token": w.ids["unsubscribe_token"]},
    "resubscribe": lambda w: {"token": w.ids["unsubscribe_token"]},
    "account_confirm_email": lambda w: {"key": "not-a-real-key"},
    "account_reset_password_from_key": lambda w: {"uidb36": "zz", "key": "not-a-real-key"},
    "admin:app_list": lambda w: {"app_label": "triggers"},
    "admin:auth_user_password_change": lambda w: {"id": w.people["sam"].pk},
    "admin:view_on_site": lambda w: {
        "content_type_id": ContentType.objects.get_for_model(w.couple).pk,
        "object_id": w.couple.pk,
    },
}

# The same pattern again with a more private object, as "name (what)".
VARIANTS = {
    "triggers:detail (private)": ("triggers:detail", _pk("private_trigger")),
    "triggers:edit (private)": ("triggers:edit", _pk("private_trigger")),
    "triggers:reassure (private)": ("triggers:reassure", _pk("private_trigger")),
    "triggers:detail (for the check-in)": ("triggers:detail", _pk("checkin_trigger")),
    "pacing:exercise (closed tier)": (
        "pacing:exercise",
        lambda w: {"slug": w.ids["closed_exercise"]},
    ),
    "pacing:start (closed tier)": ("pacing:start", lambda w: {"slug": w.ids["closed_exercise"]}),
    "together:question (kept for the session)": ("together:question", _pk("held_question")),
    # A forgiveness message Sam chose to share: Alex reads it from then on.
    "forgiveness:message (shared)": ("forgiveness:message", _pk("forgiveness_shared")),
    "forgiveness:share (shared)": ("forgiveness:share", _pk("forgiveness_shared")),
    "rituals:answer (closed tier)": ("rituals:answer", _pk("closed_card")),
    **{
        f"practice:{name} (for Alex only)": (f"practice:{name}", _pk("alex_practice"))
        for name in ("detail", "mark", "start")
    },
    **{
        f"practice:{name} (closed tier)": (f"practice:{name}", _pk("closed_practice"))
        for name in ("detail", "mark", "start")
    },
    **{
        f"intensives:{name} (closed tier)": (f"intensives:{name}", _pk("closed_intensive_step"))
        for name in STEP_PAGES
    },
    **{
        f"intensives:{name} (not open yet)": (f"intensives:{name}", _pk("early_intensive_step"))
        for name in STEP_PAGES
    },
    "rituals:favourite (closed tier)": ("rituals:favourite", _pk("closed_card")),
    "repair:detail (both finished)": ("repair:detail", _pk("completed_repair")),
    "repair:save_side (both finished)": ("repair:save_side", _pk("completed_repair")),
    # Alex's letter: one Sam chose to receive at their next session, one still a draft.
    "acknowledgement:letter (not received yet)": ("acknowledgement:letter", _pk("waiting_letter")),
    "acknowledgement:letter (a draft)": ("acknowledgement:letter", _pk("draft_letter")),
    "acknowledgement:choose (received)": ("acknowledgement:choose", _pk("received_letter")),
    "acknowledgement:reply (not received yet)": ("acknowledgement:reply", _pk("waiting_letter")),
    "acknowledgement:share (not received yet)": ("acknowledgement:share", _pk("waiting_letter")),
    "archive:space (an open space)": ("archive:space", lambda w: {"couple_id": w.couple.pk}),
    "transparency:plan (a past week)": (
        "transparency:plan",
        lambda w: {"week": w.ids["past_week"]},
    ),
    # Dr. Lee's other couple, whose partners both chose to share their heads-ups' text.
    "transparency:therapist_couple (heads-ups shared)": (
        "transparency:therapist_couple",
        lambda w: {"couple_id": w.ids["sharing_couple"]},
    ),
    "transparency:therapist_heads_ups (heads-ups shared)": (
        "transparency:therapist_heads_ups",
        lambda w: {"couple_id": w.ids["sharing_couple"]},
    ),
}

# Pages behind "enter your password again", also fetched just after doing so.
REAUTHENTICATED = " (password just re-entered)"
SENSITIVE = (
    "leave_couple",
    "export",
    "export_download",
    "delete_account",
    "therapists:consent",
    "therapists:withdraw_consent",
)
VARIANTS |= {name + REAUTHENTICATED: (name, None) for name in SENSITIVE}

_ADMIN_OBJECT = re.compile(r"^admin:(?P<app>\w+?)_(?P<model>[a-z0-9]+)_(change|delete|history)$")


def admin_models() -> dict[str, type]:
    return {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}


def _admin_kwargs(name: str) -> dict | None:
    match = _ADMIN_OBJECT.match(name)
    if not match:
        return None
    model = admin_models()[f"{match['app']}_{match['model']}"]
    first = model._default_manager.order_by("pk").first()
    return {"object_id": first.pk if first else 0}


def _fill_raw(route: str) -> str:
    """Unnamed patterns (the admin's catch-alls): a harmless sample path."""
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    route = re.sub(r"<path:object_id>", "1", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "sample", route)
    return "/" + route


# Arguments that mean the same thing wherever they appear.
COMMON = {"couple_id": lambda w: w.couple.pk, "week": lambda w: w.ids["week"]}


def _common_kwargs(world: World, route: Route) -> dict | None:
    params = re.findall(r"<(?:\w+:)?(\w+)>", route.route)
    if not params:
        return None
    unknown = [p for p in params if p not in COMMON]
    if unknown:
        raise LookupError(
            f"{route.key}: add an entry to tests/security/routes.py KWARGS for {unknown}"
        )
    return {p: COMMON[p](world) for p in params}


def url_for(world: World, route: Route, kwargs_for=None) -> str:
    if route.name is None:
        return _fill_raw(route.route)
    maker = kwargs_for or KWARGS.get(route.name)
    if maker:
        kwargs = maker(world)
    elif route.is_admin:
        kwargs = _admin_kwargs(route.name)
    else:
        kwargs = _common_kwargs(world, route)
    return reverse(route.name, kwargs=kwargs or None)


def case_keys() -> list[str]:
    """Every pattern (by key), then every variant (of the patterns that exist)."""
    keys = [route.key for route in all_routes()]
    return keys + [key for key, (name, _maker) in VARIANTS.items() if name in keys]


def case_url(world: World, key: str) -> tuple[Route, str]:
    routes = {route.key: route for route in all_routes()}
    if key in VARIANTS:
        name, maker = VARIANTS[key]
        return routes[name], url_for(world, routes[name], maker)
    return routes[key], url_for(world, routes[key])


def is_fresh(key: str) -> bool:
    """Whether the case is made with sessions that have just re-entered their password."""
    return key.endswith(REAUTHENTICATED)
