from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import BooleanField, Count, ExpressionWrapper, Max, Min, Q
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Role
from recovery.encryption import EncryptedTextField

from . import gate

MAX_NOTE = 1000
MAX_NOTICED = 2000
ZERO_TO_TEN = [MinValueValidator(0), MaxValueValidator(10)]
ZERO_TO_FOUR = [MinValueValidator(0), MaxValueValidator(gate.TOP_TIER)]
RESERVED_SLUGS = {"readiness", "sessions"}  # taken by other pages under /exercises/

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

    def gate_reports(self, couple: Couple, now) -> list[gate.Report]:
        """Only what the gate needs, in one query; notes never leave the database here."""
        rows = self.as_of(couple, now).values_list(
            "created_at", "role", "closeness_safety", "body_settled"
        )
        return [gate.Report.from_answers(when, role, *answers) for when, role, *answers in rows]


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

    The gate is a pure function of the reports made up to ``now`` and the policy, and
    reports are only ever added (or deleted with an account), never changed. So the
    result is kept in the cache twice: under a key that names that whole input (the
    policy, the number of reports and the newest one), so the reports are read and
    replayed only when one arrives; and with the policy under the couple's version
    stamp (`accounts.versions`: every saved or deleted report or policy replaces it),
    until a report dated later than when it was worked out comes due, so most pages
    read neither. Only the tier, its reason and the policy's settings are cached, never
    anyone's numbers.
    """
    now = now or tz.now()
    stamp = versions.current([couple.pk])[couple.pk]
    stamp_key = f"pacing-gate-now:{couple.pk}:{stamp}:{couple.timezone}"
    found = cache.get(stamp_key)
    if found is not None:
        computed_at, valid_until, result, policy_values = found
        if computed_at <= now and (valid_until is None or now < valid_until):
            return result, _policy(couple, policy_values).as_gate_policy()
    reports, newest, next_later, *policy_values = _gate_inputs(couple.pk, now)
    rules = _policy(couple, policy_values).as_gate_policy()
    key = _gate_key(couple.pk, reports, newest, rules)
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


def _gate_inputs(couple_id: int, now) -> tuple:
    """The number of reports made up to ``now`` (as `ReadinessReport.objects.as_of`
    counts them), the newest one's id, when the next report dated later is made, then
    the couple's policy (None when none was saved), in one query: the couple's row,
    its policy joined and its reports counted."""
    made = Q(readiness_reports__created_at__lte=now)
    later = Q(readiness_reports__created_at__gt=now)
    policy = [f"pacing_policy__{name}" for name in POLICY_FIELDS]
    return (
        Couple.objects.filter(pk=couple_id)
        .values_list(*policy)
        .annotate(
            reports=Count("readiness_reports", filter=made),
            newest=Max("readiness_reports", filter=made),
            next_later=Min("readiness_reports__created_at", filter=later),
        )
        .values_list("reports", "newest", "next_later", *policy)
        .get()
    )


def _gate_key(couple_id: int, reports: int | None, newest: int | None, rules: gate.Policy) -> str:
    parts = (couple_id, reports or 0, newest, *rules.thresholds)
    return "pacing-gate:" + ":".join(
        str(part) for part in (*parts, rules.min_span_days, rules.ceiling, rules.zone)
    )


def gates_for(
    wanted: dict[int, list[tuple[gate.Policy, datetime]]],
) -> dict[int, list[gate.GateResult]]:
    """The gate of many couples at once (the therapist dashboard), each at the
    (policy, moment) pairs asked for, with the same cache as `gate_for`: one query
    for the cache keys, and one more for the reports of couples whose result is not
    cached yet (a new report since), whatever the number of couples and reports."""
    moments = sorted({moment for asks in wanted.values() for _policy, moment in asks})
    counts = {}
    for index, moment in enumerate(moments):
        counts[f"n{index}"] = Count("pk", filter=Q(created_at__lte=moment))
        counts[f"x{index}"] = Max("pk", filter=Q(created_at__lte=moment))
    seen = {
        row["couple_id"]: row
        for row in ReadinessReport.objects.filter(couple_id__in=list(wanted))
        .values("couple_id")
        .annotate(**counts)
        .order_by()
    }

    def key(couple_id, rules, moment):
        row, index = seen.get(couple_id, {}), moments.index(moment)
        return _gate_key(couple_id, row.get(f"n{index}"), row.get(f"x{index}"), rules)

    keys = {
        cid: [key(cid, rules, moment) for rules, moment in asks] for cid, asks in wanted.items()
    }
    cached = cache.get_many([k for ks in keys.values() for k in ks])
    missing = [cid for cid, ks in keys.items() if any(k not in cached for k in ks)]
    reports: dict[int, list[gate.Report]] = {cid: [] for cid in missing}
    rows = (
        ReadinessReport.objects.filter(couple_id__in=missing, created_at__lte=moments[-1])
        .values_list("couple_id", "created_at", "role", "closeness_safety", "body_settled")
        .order_by()
        if missing
        else []
    )
    for couple_id, when, role, *answers in rows:
        reports[couple_id].append(gate.Report.from_answers(when, role, *answers))
    fresh = {}
    for couple_id in missing:
        for (rules, moment), k in zip(wanted[couple_id], keys[couple_id], strict=True):
            fresh[k] = gate.open_tier(reports[couple_id], rules, moment)
    cache.set_many(fresh, GATE_CACHE_SECONDS)
    results = cached | fresh
    return {cid: [results[k] for k in ks] for cid, ks in keys.items()}


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
        return self.title

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by another page.")})

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

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
versions.track(PacingPolicy)
