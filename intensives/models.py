"""Guided intensives: a dated plan of guided conversations a therapist sets for a couple.

Who sees what: an intensive and its steps are seen by both partners of the couple and
by the couple's therapist while both partners consent (`visible_to`). A conversation
guide's turns are taken out loud: only the turn reached and that the step was done
(who marked it, when) are stored, never what anyone said.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, User
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify
from pacing import gate
from pacing.models import TIER_NAMES, Exercise
from recovery.encryption import EncryptedCharField, EncryptedTextField
from therapists.models import TherapistLink

from . import turns as turn_order

# "1–3 days, or a few weeks".
LONGEST_DAYS = 28
MOST_STEPS = 20


class IntensiveQuerySet(models.QuerySet):
    def visible_to(self, user: User):
        """THE rule: both partners of the couple (while the space is open), and the
        couple's therapist while both partners consent. Anyone else sees nothing."""
        if not user.is_authenticated:
            return self.none()
        # A therapist's account never joins a couple as a partner (Invitation.accept),
        # so each person needs only their own half of the rule.
        if user.is_therapist:
            couples = TherapistLink.objects.with_access().filter(therapist=user)
        else:
            couples = Membership.objects.active().filter(user=user, couple__ended_at__isnull=True)
        return self.filter(couple__in=couples.values("couple"))

    def current(self, today: date):
        """Those not over yet, the soonest first."""
        return self.filter(ends_on__gte=today).order_by("starts_on", "pk")


class Intensive(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="intensives")
    therapist = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    created_at = models.DateTimeField(_("planned"), default=tz.now)

    objects = IntensiveQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["couple", "-ends_on"], name="intensive_by_couple")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="intensive_ends_after_start"
            )
        ]

    def __str__(self):
        return f"Intensive #{self.pk}"

    @property
    def path(self) -> str:
        return reverse("intensives:detail", args=[self.pk])

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    def window(self) -> tuple[datetime, datetime]:
        """From the first day's start to the last day's end, in the couple's time zone."""
        zone = self.couple.zone
        start = datetime.combine(self.starts_on, time.min, tzinfo=zone)
        end = datetime.combine(self.ends_on + timedelta(days=1), time.min, tzinfo=zone)
        return start, end

    def holds(self, opens_at: datetime, closes_at: datetime) -> bool:
        start, end = self.window()
        return start <= opens_at < closes_at <= end

    @classmethod
    @transaction.atomic
    def plan(cls, couple: Couple, therapist: User, starts_on: date, ends_on: date) -> "Intensive":
        """The therapist plans an intensive; both partners are told."""
        intensive = cls.objects.create(
            couple=couple, therapist=therapist, starts_on=starts_on, ends_on=ends_on
        )
        notify(NoticeKind.INTENSIVE_PLANNED, member_ids(couple.pk), intensive.path)
        return intensive


class Kind(models.TextChoices):
    GUIDE = "guide", _("A conversation guide with timed turns")
    EXERCISE = "exercise", _("An exercise from the library")
    REPAIR = "repair", _("A repair conversation")
    CHECKIN = "checkin", _("A check-in")
    LETTER = "letter", _("The acknowledgement letter")


# The steps that belong to another part of the app (recovery.links.COUPLE_TOOLS).
ELSEWHERE = {Kind.REPAIR, Kind.CHECKIN, Kind.LETTER}


class NotNow(PermissionDenied):
    """The step cannot be started now: its time has not come or has passed, or its
    exercise is in a tier the gate has not opened. Refused kindly (403)."""

    def __init__(self, reason: str, result: gate.GateResult | None = None):
        super().__init__()
        self.reason, self.result = reason, result


class StepQuerySet(models.QuerySet):
    def visible_to(self, user: User):
        """The steps of the intensives the person may see (`IntensiveQuerySet.visible_to`)."""
        return self.filter(intensive__in=Intensive.objects.visible_to(user))


class Step(models.Model):
    TITLE_MAX_LENGTH = 120
    PROMPT_MAX_LENGTH = 2000
    EARLY, PASSED, CLOSED_TIER = "early", "passed", "closed_tier"

    intensive = models.ForeignKey(Intensive, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind of step"), max_length=10, choices=Kind.choices)
    written_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A conversation guide, written by the therapist for the couple.
    title = EncryptedCharField(
        _("name of the conversation"), max_length=TITLE_MAX_LENGTH, blank=True
    )
    prompt = EncryptedTextField(_("the prompt"), max_length=PROMPT_MAX_LENGTH, blank=True)
    turn_minutes = models.PositiveSmallIntegerField(
        _("minutes for each turn to speak"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    rounds = models.PositiveSmallIntegerField(
        _("rounds"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    # Where the conversation is (shared by both devices), never what was said in it.
    turn = models.PositiveSmallIntegerField(default=0)
    turn_started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(_("done"), null=True, blank=True)
    completed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="step_closes_after_it_opens"
            ),
            models.CheckConstraint(
                condition=~Q(kind="exercise") | Q(exercise__isnull=False),
                name="exercise_step_has_exercise",
            ),
        ]

    def __str__(self):
        return f"Step #{self.pk} of intensive {self.intensive_id}"

    @property
    def path(self) -> str:
        return reverse("intensives:step", args=[self.pk])

    @property
    def name(self) -> str:
        if self.kind == Kind.GUIDE:
            return self.title
        if self.kind == Kind.EXERCISE:
            return self.exercise.shown_title
        return str(self.get_kind_display())

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.exercise.tier] if self.exercise_id else ""

    def gate_allows(self, result: gate.GateResult) -> bool:
        """Only a step built on an exercise waits for its tier; the others are open."""
        return self.kind != Kind.EXERCISE or result.opens(self.exercise.tier)

    def state(self, now: datetime, result: gate.GateResult | None) -> str:
        """ "done", "early", "passed", "closed_tier" or "open", for the timeline."""
        if self.completed_at:
            return "done"
        if now < self.opens_at:
            return self.EARLY
        if now >= self.closes_at:
            return self.PASSED
        if result is not None and not self.gate_allows(result):
            return self.CLOSED_TIER
        return "open"

    def check_startable(self, now: datetime, result, late_is_fine=False) -> None:
        """Every action on a step checks its time and the gate first. Marking a step
        done is still welcome once its time has passed."""
        state = self.state(now, result)
        refused = {self.EARLY, self.CLOSED_TIER} | (set() if late_is_fine else {self.PASSED})
        if state in refused:
            raise NotNow(state, result)

    # The conversation guide's turn-taking ---------------------------------------------

    def turns(self) -> list[turn_order.Turn]:
        return turn_order.sequence(self.rounds or 1)

    def current_turn(self) -> turn_order.Turn | None:
        """The turn the couple is on; None once the last one is over."""
        sequence = self.turns()
        return sequence[self.turn] if self.turn < len(sequence) else None

    def next_turn(self, seen: int, now: datetime | None = None) -> bool:
        """Move on from turn `seen`. Two devices tapping at once move one turn: the
        row moves only while it is still on the turn the tapper saw."""
        if not 0 <= seen < len(self.turns()):
            return False
        moved = Step.objects.filter(pk=self.pk, turn=seen).update(
            turn=seen + 1, turn_started_at=now or tz.now()
        )
        self.refresh_from_db(fields=["turn", "turn_started_at"])
        return bool(moved)

    @property
    def turn_state(self) -> str:
        """What a device shows of the conversation: begun, the turn, done."""
        begun = "1" if self.turn_started_at else "0"
        return f"{begun}-{self.turn}-{'1' if self.completed_at else '0'}"

    def seconds_left(self, now: datetime) -> int:
        turn = self.current_turn()
        if turn is None or self.turn_started_at is None:
            return 0
        planned = turn.minutes(self.turn_minutes or 1) * 60
        return max(0, planned - int((now - self.turn_started_at).total_seconds()))

    def begin(self, now: datetime | None = None) -> None:
        """The first device to open the conversation starts the first turn's timer."""
        if self.turn_started_at is None:
            Step.objects.filter(pk=self.pk, turn_started_at__isnull=True).update(
                turn_started_at=now or tz.now()
            )
            self.refresh_from_db(fields=["turn", "turn_started_at"])

    def complete(self, user: User, now: datetime | None = None) -> bool:
        """Record that the step was done, by whom and when (once; a second tap on the
        other device changes nothing). Nothing else about the conversation is kept."""
        done = Step.objects.filter(pk=self.pk, completed_at__isnull=True).update(
            completed_at=now or tz.now(), completed_by=user
        )
        self.refresh_from_db(fields=["completed_at", "completed_by"])
        return bool(done)
