from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone as tz
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Role
from recovery.encryption import EncryptedTextField

from . import gate

MAX_NOTE = 1000
MAX_NOTICED = 2000
ZERO_TO_TEN = [MinValueValidator(0), MaxValueValidator(10)]
ZERO_TO_FOUR = [MinValueValidator(0), MaxValueValidator(gate.TOP_TIER)]
RESERVED_SLUGS = {"readiness", "sessions", "lately"}  # taken by other pages under /exercises/

TIER_NAMES = {
    0: _("Steadying"),
    1: _("Talking and listening"),
    2: _("Everyday reconnection"),
    3: _("Going deeper"),
    4: _("Physical closeness"),
}


def _between(field: str, low: int, high: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name
    )


class ReadinessQuerySet(models.QuerySet):
    def as_of(self, couple: Couple, now):
        return self.filter(couple=couple, created_at__lte=now)

    def gate_reports(self, couple: Couple, now) -> list[gate.Report | gate.Hold]:
        """Only what the gate needs, in one query: the readiness numbers, and the
        moments a false-connection check held the pace back (never its answers);
        notes never leave the database here."""
        rows = gate_rows(self.as_of(couple, now), FalseConnectionCheck.objects.as_of(couple, now))
        return [item for (item,) in rows]


def gate_rows(reports, checks, *lead: str) -> list[tuple]:
    """The readiness reports and the holding false-connection checks among these
    querysets, each as (*lead, gate item), read together in one query (a UNION): the
    gate's input, whatever the history length."""
    none = Value(None, output_field=models.PositiveSmallIntegerField())
    numbers = reports.order_by().values_list(
        *lead, "created_at", "role", "closeness_safety", "body_settled"
    )
    holds = (
        checks.holding()
        .order_by()
        .annotate(no_closeness=none, no_body=none)
        .values_list(*lead, "created_at", "role", "no_closeness", "no_body")
    )
    found = []
    for *first, when, role, closeness, body in numbers.union(holds, all=True):
        if closeness is None:
            item = gate.Hold(when=when, by=role)
        else:
            item = gate.Report.from_answers(when, role, closeness, body)
        found.append((*first, item))
    return found


class ReadinessReport(models.Model):
    """A person's own sense of readiness for closeness, right now.

    The numbers are visible to their author (and, later, a consenting therapist);
    never to the partner. The note is private to its author.
    """

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="readiness_reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="readiness_reports"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(_("written"), default=tz.now)
    closeness_safety = models.PositiveSmallIntegerField(
        _("how safe closeness felt (0-10)"), validators=ZERO_TO_TEN
    )
    body_settled = models.PositiveSmallIntegerField(
        _("how settled your body felt (0-10)"), validators=ZERO_TO_TEN
    )
    note = EncryptedTextField(_("note"), max_length=MAX_NOTE, blank=True)

    objects = ReadinessQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["couple", "created_at"])]
        constraints = [
            _between("closeness_safety", 0, 10, "readiness_closeness_0_10"),
            _between("body_settled", 0, 10, "readiness_body_0_10"),
        ]

    def __str__(self):
        return f"Readiness report #{self.pk}"

    @property
    def readiness(self) -> int:
        return min(self.closeness_safety, self.body_settled)


class Often(models.IntegerChoices):
    NOT_AT_ALL = 0, _("Not at all")
    SOMETIMES = 1, _("Sometimes")
    OFTEN = 2, _("Often")


# The answers that hold the pace back when they are "often": rushing toward closeness,
# pressure to forgive or move on, and saying things were fine when they were not.
HOLDING = ("rushed", "pressured", "said_fine")


class FalseConnectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """THE rule: a person sees their own answers only. The partner never does; a
        consenting therapist reads them through `for_therapist`, never through this."""
        return self.filter(author_id=user.pk)

    def for_therapist(self, couple: Couple):
        """Both partners' answers, for the couple page of a therapist whose access
        was checked (`therapists.access`)."""
        return self.filter(couple=couple)

    def as_of(self, couple: Couple, now):
        return self.filter(couple=couple, created_at__lte=now)

    def holding(self):
        """The checks that hold the pace back (`gate.Hold`)."""
        condition = Q()
        for name in HOLDING:
            condition |= Q(**{name: Often.OFTEN})
        return self.filter(condition)


class FalseConnectionCheck(models.Model):
    """ "Lately, have I…": a person's own, private look at the pull to reconnect too
    fast. Only its author sees the answers (and a consenting therapist); the gate sees
    only whether it holds the pace back."""

    couple = models.ForeignKey(
        Couple, on_delete=models.CASCADE, related_name="false_connection_checks"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="false_connection_checks"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(_("answered"), default=tz.now)
    rushed = models.PositiveSmallIntegerField(
        _("rushed toward closeness to ease the tension"), choices=Often.choices
    )
    said_fine = models.PositiveSmallIntegerField(
        _("said things were fine when they weren't"), choices=Often.choices
    )
    avoided = models.PositiveSmallIntegerField(
        _("avoided a conversation we needed"), choices=Often.choices
    )
    pressured = models.PositiveSmallIntegerField(
        _("felt pressured, or pressured my partner, to forgive or move on"),
        choices=Often.choices,
    )
    affection = models.PositiveSmallIntegerField(
        _("used affection to skip something painful"), choices=Often.choices
    )

    objects = FalseConnectionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["couple", "created_at"])]
        constraints = [
            _between(name, 0, 2, f"false_connection_{name}_0_2")
            for name in ("rushed", "said_fine", "avoided", "pressured", "affection")
        ]

    def __str__(self):
        return f"False-connection check #{self.pk}"

    @property
    def holds(self) -> bool:
        return any(getattr(self, name) == Often.OFTEN for name in HOLDING)


class PacingPolicy(models.Model):
    couple = models.OneToOneField(Couple, on_delete=models.CASCADE, related_name="pacing_policy")
    threshold_1 = models.PositiveSmallIntegerField(default=3, validators=ZERO_TO_TEN)
    threshold_2 = models.PositiveSmallIntegerField(default=5, validators=ZERO_TO_TEN)
    threshold_3 = models.PositiveSmallIntegerField(default=7, validators=ZERO_TO_TEN)
    threshold_4 = models.PositiveSmallIntegerField(default=8, validators=ZERO_TO_TEN)
    min_span_days = models.PositiveSmallIntegerField(
        default=7, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    therapist_ceiling = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=ZERO_TO_FOUR
    )

    class Meta:
        verbose_name_plural = "pacing policies"

    def __str__(self):
        return f"Pacing policy of {self.couple}"

    @property
    def thresholds(self) -> tuple[int, ...]:
        return (self.threshold_1, self.threshold_2, self.threshold_3, self.threshold_4)

    def clean(self):
        if self.couple_id is None:
            return  # the form reports the missing couple; the thresholds need its time zone
        try:
            self.as_gate_policy()
        except ValueError as error:
            raise ValidationError(str(error)) from None

    def as_gate_policy(self) -> gate.Policy:
        return gate.Policy(
            thresholds=self.thresholds,
            min_span_days=self.min_span_days,
            ceiling=self.therapist_ceiling,
            zone=self.couple.zone,
        )

    @classmethod
    def for_couple(cls, couple: Couple) -> "PacingPolicy":
        """The couple's policy, or the defaults (unsaved) when none was set."""
        return cls.objects.filter(couple=couple).first() or cls(couple=couple)


GATE_CACHE_SECONDS = 24 * 3600
# The policy's settings, in the order `_gate_inputs` reads them.
POLICY_FIELDS = (
    "threshold_1",
    "threshold_2",
    "threshold_3",
    "threshold_4",
    "min_span_days",
    "therapist_ceiling",
)


def gate_for(couple: Couple, now=None) -> gate.GateResult:
    """The open tier of a couple at ``now``."""
    return gate_and_rules(couple, now)[0]


def gate_and_rules(couple: Couple, now=None) -> tuple[gate.GateResult, gate.Policy]:
    """The open tier of a couple at ``now``, and the policy it was found with: no query
    while nothing changed, one (two after a new report) otherwise, whatever the history
    length.

    The gate is a pure function of the reports (and false-connection holds) made up to
    ``now`` and the policy, and both are only ever added (or deleted with an account),
    never changed. So the result is kept in the cache twice: under a key that names
    that whole input (the policy, the number of reports and holds and the newest of
    each), so they are read and replayed only when one arrives; and with the policy
    under the couple's version stamp (`accounts.versions`: every saved or deleted
    report, check or policy replaces it), until a report or check dated later than
    when it was worked out comes due, so most pages read neither. Only the tier, its
    reason and the policy's settings are cached, never anyone's numbers or answers.
    """
    now = now or tz.now()
    stamp = versions.current([couple.pk])[couple.pk]
    stamp_key = f"pacing-gate-now:{couple.pk}:{stamp}:{couple.timezone}"
    found = cache.get(stamp_key)
    if found is not None:
        computed_at, valid_until, result, policy_values = found
        if computed_at <= now and (valid_until is None or now < valid_until):
            return result, _policy(couple, policy_values).as_gate_policy()
    seen, next_later, policy_values = _gate_inputs(couple.pk, now)
    rules = _policy(couple, policy_values).as_gate_policy()
    key = _gate_key(couple.pk, seen, rules)
    result = cache.get(key)
    if result is None:
        result = gate.open_tier(ReadinessReport.objects.gate_reports(couple, now), rules, now)
        cache.set(key, result, GATE_CACHE_SECONDS)
    cache.set(stamp_key, (now, next_later, result, policy_values), GATE_CACHE_SECONDS)
    return result, rules


def _policy(couple: Couple, policy_values: list) -> "PacingPolicy":
    if policy_values[0] is None:  # no policy saved: the defaults
        return PacingPolicy(couple=couple)
    return PacingPolicy(couple=couple, **dict(zip(POLICY_FIELDS, policy_values, strict=True)))


def _hold_figures(moment, prefix: str) -> dict:
    """How many holding checks a couple had made up to ``moment``, and the newest one's
    id, as subqueries of a query on couples (one query, whatever the history)."""
    made = FalseConnectionCheck.objects.holding().filter(
        couple_id=OuterRef("pk"), created_at__lte=moment
    )
    per_couple = made.order_by().values("couple_id")
    return {
        f"{prefix}n": Subquery(per_couple.annotate(n=Count("pk")).values("n")),
        f"{prefix}x": Subquery(per_couple.annotate(x=Max("pk")).values("x")),
    }


def _gate_inputs(couple_id: int, now) -> tuple:
    """What names the gate's input at ``now`` (the number of reports made up to then,
    as `ReadinessReport.objects.as_of` counts them, the newest one's id, and the same
    for the holding false-connection checks), when the next report or check dated
    later is made, then the couple's policy (None when none was saved), in one query:
    the couple's row, its policy joined, its reports counted and its checks in
    subqueries."""
    made = Q(readiness_reports__created_at__lte=now)
    later = Q(readiness_reports__created_at__gt=now)
    policy = [f"pacing_policy__{name}" for name in POLICY_FIELDS]
    checks_later = FalseConnectionCheck.objects.filter(
        couple_id=OuterRef("pk"), created_at__gt=now
    ).order_by("created_at")
    reports, newest, hold_count, hold_newest, next_report, next_check, *policy_values = (
        Couple.objects.filter(pk=couple_id)
        .values_list(*policy)
        .annotate(
            reports=Count("readiness_reports", filter=made),
            newest=Max("readiness_reports", filter=made),
            next_later=Min("readiness_reports__created_at", filter=later),
            next_check=Subquery(checks_later.values("created_at")[:1]),
            **_hold_figures(now, "hold_"),
        )
        .values_list("reports", "newest", "hold_n", "hold_x", "next_later", "next_check", *policy)
        .get()
    )
    next_later = min(filter(None, [next_report, next_check]), default=None)
    return (reports, newest, hold_count, hold_newest), next_later, policy_values


def _gate_key(couple_id: int, seen: tuple, rules: gate.Policy) -> str:
    """`seen`: the number of reports, the newest one's id, the number of holds and the
    newest one's id (None for none)."""
    reports, newest, holds, newest_hold = seen
    parts = (couple_id, reports or 0, newest, holds or 0, newest_hold, *rules.thresholds)
    return "pacing-gate:" + ":".join(
        str(part) for part in (*parts, rules.min_span_days, rules.ceiling, rules.zone)
    )


def gates_for(
    wanted: dict[int, list[tuple[gate.Policy, datetime]]],
) -> dict[int, list[gate.GateResult]]:
    """The gate of many couples at once (the therapist dashboard), each at the
    (policy, moment) pairs asked for, with the same cache as `gate_for`: one query
    for the cache keys, and one more for the reports and holds of couples whose result
    is not cached yet (a new report since), whatever the number of couples and
    reports."""
    moments = sorted({moment for asks in wanted.values() for _policy, moment in asks})
    figures = {}
    for index, moment in enumerate(moments):
        made = Q(readiness_reports__created_at__lte=moment)
        figures[f"n{index}"] = Count("readiness_reports", filter=made)
        figures[f"x{index}"] = Max("readiness_reports", filter=made)
        figures |= _hold_figures(moment, f"h{index}")
    seen = {
        row["pk"]: row
        for row in Couple.objects.filter(pk__in=list(wanted))
        .values("pk")
        .annotate(**figures)
        .order_by()
    }

    def key(couple_id, rules, moment):
        row, i = seen.get(couple_id, {}), moments.index(moment)
        figures = tuple(row.get(name) for name in (f"n{i}", f"x{i}", f"h{i}n", f"h{i}x"))
        return _gate_key(couple_id, figures, rules)

    keys = {
        cid: [key(cid, rules, moment) for rules, moment in asks] for cid, asks in wanted.items()
    }
    cached = cache.get_many([k for ks in keys.values() for k in ks])
    missing = [cid for cid, ks in keys.items() if any(k not in cached for k in ks)]
    reports: dict[int, list[gate.Report | gate.Hold]] = {cid: [] for cid in missing}
    if missing:
        rows = gate_rows(
            ReadinessReport.objects.filter(couple_id__in=missing, created_at__lte=moments[-1]),
            FalseConnectionCheck.objects.filter(couple_id__in=missing, created_at__lte=moments[-1]),
            "couple_id",
        )
        for couple_id, item in rows:
            reports[couple_id].append(item)
    fresh = {}
    for couple_id in missing:
        for (rules, moment), k in zip(wanted[couple_id], keys[couple_id], strict=True):
            fresh[k] = gate.open_tier(reports[couple_id], rules, moment)
    cache.set_many(fresh, GATE_CACHE_SECONDS)
    results = cached | fresh
    return {cid: [results[k] for k in ks] for cid, ks in keys.items()}


def library_text(text: str) -> str:
    """Words of the exercise library or the curiosity deck in the reader's language.

    The texts as written for the product (the data migrations) are in the catalogue;
    a text staff have changed since has no translation and is shown as they wrote it."""
    return gettext(text) if text else ""


class ExerciseQuerySet(models.QuerySet):
    def within(self, result: gate.GateResult):
        return self.filter(tier__lte=result.tier)

    def open_for(self, couple: Couple, now=None):
        return self.within(gate_for(couple, now))

    def marked_open(self, result: gate.GateResult):
        return self.annotate(
            is_open=ExpressionWrapper(Q(tier__lte=result.tier), output_field=BooleanField())
        )


class Exercise(models.Model):
    """One guided exercise of the library (written for this product, edited in the admin)."""

    slug = models.SlugField(max_length=80, unique=True)
    tier = models.PositiveSmallIntegerField(
        choices=list(TIER_NAMES.items()), validators=ZERO_TO_FOUR
    )
    title = models.CharField(max_length=120)
    purpose = models.TextField(max_length=1000)
    steps = models.TextField(max_length=4000, help_text="One step per line.")
    minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    order = models.PositiveSmallIntegerField(default=0)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["tier", "order", "title"]
        constraints = [_between("tier", 0, gate.TOP_TIER, "exercise_tier_0_4")]

    def __str__(self):
        return self.shown_title

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by another page.")})

    @property
    def shown_title(self) -> str:
        return library_text(self.title)

    @property
    def shown_purpose(self) -> str:
        return library_text(self.purpose)

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in library_text(self.steps).splitlines() if line.strip()]

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.tier]

    def start(self, couple: Couple, user) -> "ExerciseSession":
        return ExerciseSession.objects.create(couple=couple, exercise=self, started_by=user)


class ExerciseSessionManager(models.Manager):
    def latest_of(self, couple: Couple, count: int):
        """The couple's latest sessions, newest first, without their exercises."""
        return (
            self.filter(couple=couple)
            .order_by("-started_at")
            .only("exercise_id", "started_at", "completed_at")[:count]
        )


class ExerciseSession(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="exercise_sessions")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="sessions")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(default=tz.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ExerciseSessionManager()

    class Meta:
        indexes = [models.Index(fields=["couple", "started_at"])]

    def __str__(self):
        return f"Session #{self.pk} of {self.exercise_id}"

    def complete(self) -> None:
        """Mark as done once; finishing twice keeps the first time."""
        if self.completed_at is None:
            updated = ExerciseSession.objects.filter(pk=self.pk, completed_at__isnull=True).update(
                completed_at=tz.now()
            )
            if updated:
                self.refresh_from_db(fields=["completed_at"])

    def reflect(self, author, safety: int, noticed: str) -> "Reflection":
        """Record (or update) the author's own reflection; reflecting also completes."""
        self.complete()
        reflection, _ = Reflection.objects.update_or_create(
            session=self, author=author, defaults={"safety": safety, "noticed": noticed}
        )
        return reflection


class Reflection(models.Model):
    """How an exercise felt, private to its author."""

    LOW_SAFETY = 3

    session = models.ForeignKey(
        ExerciseSession, on_delete=models.CASCADE, related_name="reflections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    safety = models.PositiveSmallIntegerField(validators=ZERO_TO_TEN)
    noticed = EncryptedTextField(_("what you noticed"), max_length=MAX_NOTICED, blank=True)
    created_at = models.DateTimeField(_("written"), default=tz.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "author"], name="one_reflection_each"),
            _between("safety", 0, 10, "reflection_safety_0_10"),
        ]

    def __str__(self):
        return f"Reflection #{self.pk}"

    @property
    def felt_unsafe(self) -> bool:
        return self.safety <= self.LOW_SAFETY


# The therapist dashboard keeps each couple's open tier in the cache.
versions.track(ReadinessReport)
versions.track(FalseConnectionCheck)
versions.track(PacingPolicy)
