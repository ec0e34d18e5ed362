"""Repair after a hard moment: each partner answers alone, then both sides open together.

The seal lives in one place: `RepairSide.objects.visible_to(membership)` (and, for a
consenting therapist, `RepairSide.objects.revealed()`). One field is the exception, on
purpose and said so in the form: "what it was like for me" is read by the partner for
the listening step as soon as its author has written it, together with the partner's
"what I hear is…" and the author's "yes, that's it" / "not quite". Those listening
fields are read only through `RepairSide.objects.listening_for(membership)`, as plain
values, so a template can never reach a sealed field of the partner's side.

The shared plan changes only when both accept (`PlanChange.accept`, row-locked, one
pending change per repair, a change written on an older plan refused).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Membership, User
from checkins.models import CheckIn
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify, notify_partner
from recovery.encryption import EncryptedJSONField, EncryptedTextField
from together.models import Pause
from triggers.models import Trigger

TEXT_MAX = 2000
LINE_MAX = 300
PLAN_STEP_MAX = 200
PLAN_STEPS = 2
# An unanswered repair is mentioned again once, this long after it was started.
REMIND_AFTER = timedelta(days=2)

FEELINGS = [
    ("hurt", _("hurt")),
    ("scared", _("scared")),
    ("angry", _("angry")),
    ("alone", _("alone")),
    ("ashamed", _("ashamed")),
    ("sad", _("sad")),
    ("overwhelmed", _("overwhelmed")),
    ("numb", _("numb")),
    ("misunderstood", _("misunderstood")),
    ("tired", _("tired")),
]
FEELING_LABELS = dict(FEELINGS)


class RepairError(Exception):
    """Something that cannot be done with this repair now, worded for the person asking."""


class StalePlan(RepairError):
    """A plan change written on, or accepted against, a plan that is no longer current."""


class Origin(models.TextChoices):
    PAUSE = "pause", _("After a pause")
    TRIGGER = "trigger", _("After a shared hard moment")
    CHECKIN = "checkin", _("After a check-in")
    OWN = "own", _("Something hard happened")


class Understood(models.TextChoices):
    YES = "yes", _("Yes, that's it")
    NOT_QUITE = "not_quite", _("Not quite")


class RepairQuerySet(models.QuerySet):
    def of_couple(self, couple_id: int):
        return self.filter(couple_id=couple_id)

    def open(self):
        return self.filter(completed_at__isnull=True, withdrawn_at__isnull=True)

    def completed(self):
        return self.filter(completed_at__isnull=False)

    def measured(self):
        """Completed repairs that began from a pause or a shared trigger: the couple's
        "coming back" measure (see repair.measure)."""
        return self.completed().filter(began_at__isnull=False)

    def remind_unanswered(self, now: datetime) -> int:
        """Tell the partner who did not start a repair, once, that it is still there for
        them if they have not finished their side (the one who started it is never
        nudged about their own). Each repair is claimed by a conditional update: safe to
        run twice, and never a second time."""
        told = 0
        due = self.open().filter(started_at__lte=now - REMIND_AFTER, reminded_at__isnull=True)
        for repair in due.only("pk", "couple_id", "started_by_id"):
            with transaction.atomic():
                claimed = (
                    Repair.objects.open()
                    .filter(pk=repair.pk, reminded_at__isnull=True)
                    .update(reminded_at=now)
                )
                others = set(member_ids(repair.couple_id, exclude=repair.started_by_id))
                waiting = others - repair.finished_author_ids()
                if claimed and waiting:
                    notify(NoticeKind.REPAIR_STILL_WAITING, sorted(waiting), repair.path)
                    told += 1
        return told


class Repair(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="repairs")
    # The repair stays with the couple if its starter deletes their account.
    started_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin = models.CharField(_("where it started"), max_length=8, choices=Origin.choices)
    pause = models.ForeignKey(
        Pause, null=True, blank=True, on_delete=models.SET_NULL, related_name="repairs"
    )
    trigger = models.ForeignKey(
        Trigger, null=True, blank=True, on_delete=models.SET_NULL, related_name="repairs"
    )
    checkin = models.ForeignKey(
        CheckIn, null=True, blank=True, on_delete=models.SET_NULL, related_name="repairs"
    )
    # When the hard moment began (the pause started, the trigger happened): kept here so
    # the time to repair survives the origin being deleted. Empty for the other origins.
    began_at = models.DateTimeField(_("the hard moment began"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), default=tz.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # Set once, when the second partner finishes their side; the seal opens from then on.
    completed_at = models.DateTimeField(_("both finished"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    plan = EncryptedJSONField(_("our plan"), default=list, blank=True)
    # Raised by every accepted plan change, so a change made on an older plan is refused.
    plan_version = models.PositiveIntegerField(default=0)

    objects = RepairQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["couple", "-started_at"])]
        constraints = [
            # One conversation at a time: a second "start" (a double tap, or both
            # partners at once) leads to the open one instead of a duplicate.
            models.UniqueConstraint(
                fields=["couple"],
                condition=Q(completed_at__isnull=True, withdrawn_at__isnull=True),
                name="repair_one_open_per_couple",
            ),
        ]

    def __str__(self):
        return f"Repair #{self.pk}"

    @property
    def path(self) -> str:
        return reverse("repair:detail", args=[self.pk])

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def time_to_repair(self) -> timedelta | None:
        """Elapsed time (in UTC: a clock change in between counts as it really passed)."""
        if self.began_at and self.completed_at:
            return self.completed_at.astimezone(UTC) - self.began_at.astimezone(UTC)
        return None

    @classmethod
    def start(
        cls,
        membership: Membership,
        origin: str,
        pause: Pause | None = None,
        trigger: Trigger | None = None,
        checkin: CheckIn | None = None,
    ) -> tuple["Repair", bool]:
        """Start a repair, or find the couple's open one: (repair, created)."""
        began_at = None
        if origin == Origin.PAUSE:
            began_at = pause.started_at
        elif origin == Origin.TRIGGER:
            began_at = trigger.occurred_at
        with transaction.atomic():
            Couple.objects.select_for_update().filter(pk=membership.couple_id).get()
            current = cls.objects.open().of_couple(membership.couple_id).first()
            if current is not None:
                return current, False
            try:
                with transaction.atomic():
                    repair = cls.objects.create(
                        couple_id=membership.couple_id,
                        started_by=membership.user,
                        origin=origin,
                        pause=pause,
                        trigger=trigger,
                        checkin=checkin,
                        began_at=began_at,
                    )
                    notify_partner(membership, NoticeKind.REPAIR_WAITING, repair.path)
                    return repair, True
            except IntegrityError:
                return cls.objects.open().of_couple(membership.couple_id).get(), False

    def _lock(self) -> "Repair":
        locked = Repair.objects.select_for_update().get(pk=self.pk)
        self.withdrawn_at, self.completed_at = locked.withdrawn_at, locked.completed_at
        self.plan, self.plan_version = locked.plan, locked.plan_version
        return locked

    def _check_answerable(self) -> None:
        if self.is_withdrawn:
            raise RepairError(_("This repair was withdrawn, so nothing more can be added."))
        if self.is_completed:
            raise RepairError(
                _("You have both finished this repair. Your sides are safe as they are.")
            )

    def finished_author_ids(self) -> set[int]:
        """Who has finished their side (never what they wrote)."""
        return set(self.sides.finished().values_list("author_id", flat=True))

    def may_withdraw(self, membership: Membership) -> bool:
        return membership.user_id == self.started_by_id and not (
            self.is_withdrawn or self.is_completed
        )

    def withdraw(self, membership: Membership) -> None:
        """The starter may withdraw until the partner has begun answering."""
        if membership.user_id != self.started_by_id:
            raise PermissionDenied
        with transaction.atomic():
            self._lock()
            self._check_answerable()
            if self.sides.exclude(author_id=membership.user_id).exists():
                raise RepairError(
                    _(
                        "Your partner has begun answering, so this repair can no longer "
                        "be withdrawn."
                    )
                )
            self.withdrawn_at = tz.now()
            self.save(update_fields=["withdrawn_at"])
            notify_partner(membership, NoticeKind.REPAIR_WITHDRAWN, self.path)

    def save_side(self, membership: Membership, values: dict, finish: bool = False) -> "RepairSide":
        """Keep what the person wrote on their side; `finish` shares it (sealed until
        both have finished). The second to finish opens the repair for both."""
        with transaction.atomic():
            self._lock()
            self._check_answerable()
            side, _created = RepairSide.objects.select_for_update().get_or_create(
                repair=self, author=membership.user
            )
            if side.is_finished:
                raise RepairError(_("You have already finished your side. It is safe as it is."))
            side.fill(values)
            side.check_order(self.partner_side_for_listening(membership))
            fields = [*RepairSide.EDITABLE, "updated_at"]
            if finish:
                side.check_complete()
                side.submitted_at = tz.now()
                fields.append("submitted_at")
            side.save(update_fields=fields)
            if finish:
                self._after_finish(membership, side.submitted_at)
            return side

    def _after_finish(self, membership: Membership, now: datetime) -> None:
        if self.sides.finished().count() >= 2:
            self.completed_at = now
            self.save(update_fields=["completed_at"])
            notify_partner(membership, NoticeKind.REPAIR_REVEALED, self.path)
        else:
            notify_partner(membership, NoticeKind.REPAIR_PARTNER_FINISHED, self.path)

    def partner_side_for_listening(self, membership: Membership) -> "Listening | None":
        row = RepairSide.objects.listening_for(membership).filter(repair=self).first()
        return Listening(**row) if row else None

    def answer_reflection(self, membership: Membership, verdict: str, line: str) -> None:
        """Say whether the partner heard me ("yes, that's it" / "not quite"), once."""
        with transaction.atomic():
            self._lock()
            self._check_answerable()
            partner_side = self.partner_side_for_listening(membership)
            if partner_side is None or not partner_side.heard:
                raise RepairError(_("Your partner hasn't written what they heard yet."))
            side, _created = RepairSide.objects.select_for_update().get_or_create(
                repair=self, author=membership.user
            )
            if side.understood:
                raise RepairError(_("You have already answered what your partner heard."))
            side.understood, side.understood_note = verdict, line
            side.save(update_fields=["understood", "understood_note", "updated_at"])


@dataclass(frozen=True, repr=False)
class Listening:
    """The partner's listening fields, and nothing else of their side. Its repr names
    no text, so a debug log of a template's context never holds anyone's words."""

    repair_id: int
    author_id: int
    what_it_was_like: str
    heard: str
    understood: str
    understood_note: str

    def __repr__(self):
        return f"<Listening to user {self.author_id} in repair #{self.repair_id}>"


class RepairSideQuerySet(models.QuerySet):
    def finished(self):
        return self.filter(submitted_at__isnull=False)

    def visible_to(self, membership: Membership):
        """THE seal: your own side, and your partner's only once both have finished."""
        return self.filter(repair__couple_id=membership.couple_id).filter(
            Q(author_id=membership.user_id) | Q(repair__completed_at__isnull=False)
        )

    def revealed(self):
        """Sides of repairs both partners finished: what a consenting therapist may read
        (the caller has checked the therapist's access to the couple)."""
        return self.filter(submitted_at__isnull=False, repair__completed_at__isnull=False)

    def listening_for(self, membership: Membership):
        """The partner's listening fields, before the seal opens: what it was like for
        them (once written), what they heard of me, and their answer to what I heard.
        Plain values, never the side itself, so nothing sealed can be reached."""
        return (
            self.filter(repair__couple_id=membership.couple_id, repair__withdrawn_at__isnull=True)
            .exclude(author_id=membership.user_id)
            .values("repair_id", "author_id", *RepairSide.LISTENING)
        )


class RepairSide(models.Model):
    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="sides")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="repair_sides")
    feelings = EncryptedJSONField(_("what I felt"), default=list, blank=True)
    feelings_words = EncryptedTextField(
        _("what I felt, in my own words"), max_length=LINE_MAX, blank=True
    )
    # Shared with the partner for the listening step as soon as it is written.
    what_it_was_like = EncryptedTextField(
        _("what it was like for me"), max_length=TEXT_MAX, blank=True
    )
    touched = models.ForeignKey(
        Trigger,
        verbose_name=_("what it touched"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # "What I hear is…": my reflection of my partner's "what it was like for me",
    # read by my partner so they can say whether I heard them.
    heard = EncryptedTextField(_("what I heard"), max_length=TEXT_MAX, blank=True)
    # My answer to what my partner heard of me, given once.
    understood = models.CharField(
        _("did my partner hear me"), max_length=10, choices=Understood.choices, blank=True
    )
    understood_note = EncryptedTextField(
        _("a line about what they heard"), max_length=LINE_MAX, blank=True
    )
    my_part = EncryptedTextField(_("my part in it"), max_length=TEXT_MAX, blank=True)
    next_time = EncryptedTextField(
        _("one thing I will do differently"), max_length=TEXT_MAX, blank=True
    )
    need = EncryptedTextField(_("what I need from you"), max_length=TEXT_MAX, blank=True)
    submitted_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_at = models.DateTimeField(default=tz.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RepairSideQuerySet.as_manager()

    EDITABLE = [
        "feelings",
        "feelings_words",
        "what_it_was_like",
        "touched",
        "heard",
        "my_part",
        "next_time",
        "need",
    ]
    LISTENING = ["what_it_was_like", "heard", "understood", "understood_note"]

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["repair", "author"], name="repair_one_side_each")
        ]

    def __str__(self):
        return f"Side of user {self.author_id} in repair #{self.repair_id}"

    @property
    def is_finished(self) -> bool:
        return self.submitted_at is not None

    @property
    def feeling_labels(self) -> list[str]:
        return [str(FEELING_LABELS[key]) for key in self.feelings if key in FEELING_LABELS]

    def fill(self, values: dict) -> None:
        for name in self.EDITABLE:
            if name in values:
                setattr(self, name, values[name])

    def check_order(self, partner: "Listening | None") -> None:
        """Listening first: "what I hear is…" needs the partner's words to listen to,
        and my part comes after I have written what I heard."""
        if self.heard.strip() and not (partner and partner.what_it_was_like):
            raise RepairError(
                _(
                    "Your partner hasn't written what it was like for them yet, so there is "
                    "nothing to listen to yet."
                )
            )
        later = (self.my_part, self.next_time, self.need)
        if any(text.strip() for text in later) and not self.heard.strip():
            raise RepairError(
                _("Listening comes first: write what you heard from your partner, then your part.")
            )

    def check_complete(self) -> None:
        missing = []
        if not (self.feelings or self.feelings_words.strip()):
            missing.append(_("what you felt"))
        for name, label in (
            ("what_it_was_like", _("what it was like for you")),
            ("heard", _("what you heard from your partner")),
            ("my_part", _("your part in it")),
            ("next_time", _("one thing you will do differently")),
        ):
            if not getattr(self, name).strip():
                missing.append(label)
        if missing:
            raise RepairError(
                _("Before finishing, please write %(what)s.")
                % {"what": ", ".join(str(m) for m in missing)}
            )


class PlanChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(decided_at__isnull=True)


class PlanOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PlanChange(models.Model):
    """A proposed shared plan (one or two next steps) after a repair; it takes effect
    only when the other partner accepts it."""

    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="plan_changes")
    proposed_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    steps = EncryptedJSONField(_("next steps"), default=list)
    base_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("proposed"), default=tz.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=PlanOutcome.choices, blank=True)

    objects = PlanChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["repair"],
                condition=Q(decided_at__isnull=True),
                name="repair_one_pending_plan_change",
            )
        ]

    def __str__(self):
        return f"Plan change #{self.pk}"

    @classmethod
    def propose(
        cls, membership: Membership, repair: Repair, steps: list[str], seen_version: int
    ) -> "PlanChange":
        with transaction.atomic():
            repair._lock()
            if not repair.is_completed:
                raise RepairError(_("The shared plan opens once you have both finished."))
            if seen_version != repair.plan_version:
                raise StalePlan(
                    _(
                        "Your partner's plan was agreed while you were writing. The plan as it "
                        "is now is shown above, and your words are still in the form."
                    )
                )
            try:
                with transaction.atomic():
                    change = cls.objects.create(
                        repair=repair,
                        proposed_by=membership.user,
                        steps=steps,
                        base_version=repair.plan_version,
                    )
            except IntegrityError:
                raise RepairError(
                    _("A plan is already waiting for an answer. It needs an answer first.")
                ) from None
            notify_partner(membership, NoticeKind.REPAIR_PLAN_WAITING, repair.path)
            return change

    def _decide(self, user: User, outcome: PlanOutcome) -> None:
        now = tz.now()
        claimed = PlanChange.objects.filter(pk=self.pk, decided_at__isnull=True).update(
            decided_at=now, decided_by=user, outcome=outcome
        )
        if not claimed:
            raise RepairError(_("This plan has already been answered."))
        self.decided_at, self.decided_by, self.outcome = now, user, outcome
        others = member_ids(self.repair.couple_id, exclude=user.pk)
        notify(NoticeKind.REPAIR_PLAN_DECIDED, others, self.repair.path)

    def accept(self, membership: Membership) -> None:
        """Under the repair's row lock: a change made on an older plan is refused."""
        if membership.user_id == self.proposed_by_id:
            raise PermissionDenied
        with transaction.atomic():
            repair = self.repair._lock()
            if repair.plan_version != self.base_version:
                raise StalePlan(_("The plan has changed since this was proposed."))
            self._decide(membership.user, PlanOutcome.ACCEPTED)
            repair.plan, repair.plan_version = self.steps, repair.plan_version + 1
            repair.save(update_fields=["plan", "plan_version"])
            self.repair.plan, self.repair.plan_version = repair.plan, repair.plan_version

    @transaction.atomic
    def decline(self, membership: Membership) -> None:
        if membership.user_id == self.proposed_by_id:
            raise PermissionDenied
        self._decide(membership.user, PlanOutcome.DECLINED)

    @transaction.atomic
    def withdraw(self, membership: Membership) -> None:
        if membership.user_id != self.proposed_by_id:
            raise PermissionDenied
        self._decide(membership.user, PlanOutcome.WITHDRAWN)


# The therapist dashboard keeps each couple's repair counts and times in the cache.
versions.track(Repair)
