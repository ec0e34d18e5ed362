"""Between-session practice and the session agenda.

Who sees what:
- A practice: the partners it is for, and the couple's therapist while both consent.
- A mark on a practice ("done", "found it hard"): its author and the therapist; the
  other partner sees the mark itself, and its line only if the author shared it.
- An agenda item: its author and the therapist; the other partner only if the author
  chose "share with my partner too".
- A closed agenda's note: both partners and the therapist.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Membership, Role, User
from checkins.weeks import week_start_for
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify
from pacing import gate
from pacing.models import TIER_NAMES, Exercise
from recovery.encryption import EncryptedTextField
from recovery.links import COUPLE_TOOLS
from therapists.models import TherapistLink


def this_week(couple: Couple, moment=None) -> date:
    return week_start_for(moment or tz.now(), couple.zone)


class ForWhom(models.TextChoices):
    BOTH = "both", _("Both partners")
    HURT = Role.HURT.value, _("The hurt partner")
    INVOLVED = Role.INVOLVED.value, _("The involved partner")


class Focus(models.TextChoices):
    """A practice may point to one of the couple's own tools instead of an exercise."""

    RITUAL = "ritual", _("Your rituals together")
    REPAIR = "repair", _("A repair conversation")
    CHECKIN = "checkin", _("This week's check-in")


class TierClosed(PermissionDenied):
    """The practice's exercise is in a tier the gate has not opened: refused kindly."""

    def __init__(self, tier: int, result: gate.GateResult):
        super().__init__()
        self.tier, self.result = tier, result


class PracticeQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """THE partner rule: the couple's practices meant for this partner."""
        return self.filter(couple_id=membership.couple_id).filter(
            Q(for_whom=ForWhom.BOTH) | Q(for_whom=membership.role)
        )

    def for_therapist(self, couple: Couple):
        """Every practice of the couple (the caller has checked the therapist's access)."""
        return self.filter(couple=couple)


class Practice(models.Model):
    TEXT_MAX_LENGTH = 2000

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="practices")
    therapist = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    focus = models.CharField(_("focus"), max_length=10, choices=Focus.choices, blank=True)
    text = EncryptedTextField(_("what to practise"), max_length=TEXT_MAX_LENGTH, blank=True)
    due_week = models.DateField(_("week it is for"))
    for_whom = models.CharField(_("for whom"), max_length=10, choices=ForWhom.choices)
    created_at = models.DateTimeField(_("written"), default=tz.now)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-due_week", "-pk"]
        indexes = [models.Index(fields=["couple", "-due_week"], name="practice_by_couple")]
        constraints = [
            models.CheckConstraint(
                condition=Q(exercise__isnull=False) | ~Q(focus="") | ~Q(text=""),
                name="practice_has_content",
            )
        ]

    def __str__(self):
        return f"Practice #{self.pk}"

    @property
    def path(self) -> str:
        return reverse("practice:detail", args=[self.pk])

    @property
    def title(self) -> str:
        if self.exercise_id:
            return self.exercise.shown_title
        if self.focus:
            return self.get_focus_display()
        return str(_("A practice from your therapist"))

    @property
    def focus_path(self) -> str:
        return reverse(COUPLE_TOOLS[self.focus]) if self.focus else ""

    def gate_allows(self, result: gate.GateResult) -> bool:
        """A practice of the therapist's own words is always open; one built on an
        exercise only while the exercise's tier is open."""
        return self.exercise_id is None or result.opens(self.exercise.tier)

    def is_for(self, role: str) -> bool:
        return self.for_whom in (ForWhom.BOTH, role)

    def recipient_ids(self) -> list[int]:
        members = Membership.objects.active().filter(couple_id=self.couple_id)
        if self.for_whom != ForWhom.BOTH:
            members = members.filter(role=self.for_whom)
        return list(members.values_list("user_id", flat=True))

    @classmethod
    @transaction.atomic
    def write(cls, couple: Couple, therapist: User, **fields) -> "Practice":
        """The therapist writes a practice; the partners it is for are told."""
        practice = cls.objects.create(couple=couple, therapist=therapist, **fields)
        notify(NoticeKind.PRACTICE_WRITTEN, practice.recipient_ids(), practice.path)
        return practice

    def mark(
        self, membership: Membership, result: gate.GateResult, outcome: str, line="", shared=False
    ) -> "PracticeMark | None":
        """Set (or, with no outcome, clear) the partner's mark. A practice whose
        exercise is closed cannot be marked: the gate holds for every action."""
        if not self.gate_allows(result):
            raise TierClosed(self.exercise.tier, result)
        if not outcome:
            PracticeMark.objects.filter(practice=self, person=membership.user).delete()
            return None
        line = line if outcome == Outcome.HARD else ""
        mark, _created = PracticeMark.objects.update_or_create(
            practice=self,
            person=membership.user,
            defaults={
                "outcome": outcome,
                "line": line,
                "line_shared": bool(line) and shared,
                "marked_at": tz.now(),
            },
        )
        return mark

    @property
    def tier_name(self) -> str:
        return TIER_NAMES[self.exercise.tier] if self.exercise_id else ""


class Outcome(models.TextChoices):
    DONE = "done", _("Done")
    HARD = "hard", _("Found it hard")


class PracticeMarkQuerySet(models.QuerySet):
    def visible_to(self, user: User):
        """A person's own marks, and their partner's; the partner's line is left out
        by `line_for` unless shared."""
        return self.filter(
            practice__couple__memberships__user=user,
            practice__couple__memberships__left_at__isnull=True,
        )


class PracticeMark(models.Model):
    LINE_MAX_LENGTH = 300

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="marks")
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    # Read by the therapist; by the partner only when `line_shared`.
    line = EncryptedTextField(blank=True, max_length=LINE_MAX_LENGTH)
    line_shared = models.BooleanField(default=False)
    marked_at = models.DateTimeField(default=tz.now)

    objects = PracticeMarkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "person"], name="one_mark_per_person")
        ]

    def __str__(self):
        return f"{self.outcome} on practice {self.practice_id}"

    def line_for(self, user: User) -> str:
        return self.line if (user.pk == self.person_id or self.line_shared) else ""


class About(models.TextChoices):
    OWN = "own", _("Something of my own")
    QUESTION = "question", _("A question I kept for the session")
    TRIGGER = "trigger", _("A hard moment (a trigger)")
    REPAIR = "repair", _("A repair")
    PRACTICE = "practice", _("A practice I found hard")


class AgendaQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def closed(self):
        return self.filter(closed_at__isnull=False)


class Agenda(models.Model):
    """ "For our next session": one open at a time per couple; the therapist closes it
    after the session with a note for both, and the next item starts a new one."""

    NOTE_MAX_LENGTH = 2000

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="agendas")
    opened_at = models.DateTimeField(default=tz.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = EncryptedTextField(blank=True, max_length=NOTE_MAX_LENGTH)

    objects = AgendaQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["couple"], condition=Q(closed_at__isnull=True), name="one_open_agenda"
            )
        ]

    def __str__(self):
        return f"Agenda #{self.pk}"

    @classmethod
    def open_for(cls, couple: Couple) -> "Agenda":
        agenda = cls.objects.open().filter(couple=couple).first()
        if agenda is not None:
            return agenda
        try:
            with transaction.atomic():  # both partners adding the first item at once
                return cls.objects.create(couple=couple)
        except IntegrityError:
            return cls.objects.open().get(couple=couple)

    @transaction.atomic
    def close(self, therapist: User, note: str) -> bool:
        """Close once (a double click closes nothing twice); both partners are told."""
        closed = (
            Agenda.objects.open()
            .filter(pk=self.pk)
            .update(closed_at=tz.now(), closed_by=therapist, note=note)
        )
        if closed:
            notify(NoticeKind.AGENDA_CLOSED, member_ids(self.couple_id), reverse("practice:agenda"))
        return bool(closed)


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """THE partner rule: my own items, and those my partner shared with me too."""
        return self.filter(agenda__couple_id=membership.couple_id).filter(
            Q(author_id=membership.user_id) | Q(shared_with_partner=True)
        )

    def for_therapist(self, couple: Couple):
        """What the partners put on the agenda: that is all the therapist sees of it."""
        return self.filter(agenda__couple=couple)


class AgendaItem(models.Model):
    TEXT_MAX_LENGTH = 500

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="items")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    about = models.CharField(
        _("what it is about"), max_length=10, choices=About.choices, default=About.OWN
    )
    text = EncryptedTextField(_("your line"), max_length=TEXT_MAX_LENGTH)
    shared_with_partner = models.BooleanField(_("share with my partner too"), default=False)
    created_at = models.DateTimeField(default=tz.now)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Agenda item #{self.pk}"

    @classmethod
    @transaction.atomic
    def add(cls, membership: Membership, **fields) -> "AgendaItem":
        """Put an item on the open agenda; the couple's therapist (while both consent)
        is told in their what's new, and the partner when it is shared with them."""
        agenda = Agenda.open_for(membership.couple)
        item = cls.objects.create(agenda=agenda, author=membership.user, **fields)
        therapists = TherapistLink.objects.with_access().filter(couple_id=membership.couple_id)
        therapist_ids = list(therapists.values_list("therapist_id", flat=True))
        path = reverse("practice:therapist_couple", args=[membership.couple_id])
        notify(NoticeKind.AGENDA_ITEM_ADDED, therapist_ids, path)
        return item


# The therapist's list keeps each couple's practice completion in the cache.
versions.track(Practice)
versions.track(PracticeMark, lambda mark: mark.practice.couple_id)
