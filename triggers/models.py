"""The trigger log: entries, who may see them, and reassurance that comes back.

Visibility lives in ONE place, `TriggerQuerySet.visible_to`: the author sees all of
their own entries; the partner sees an entry only once it is shared (`share_now`,
or `at_checkin` after that week's check-in was revealed). `shared_at` is set the
moment the partner can see an entry and is never cleared: what was seen stays seen.
"""

from datetime import date, datetime, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import versions
from accounts.models import Couple, Membership, User
from checkins import weeks
from notices.models import Kind as NoticeKind
from notices.services import member_ids, notify, notify_partner
from recovery.encryption import EncryptedTextField

INTENSITY_MAX = 10
WHAT_HAPPENED_MAX = 2000
BODY_RESPONSE_MAX = 1000
WHAT_HELPED_MAX = 1000
REASSURANCE_MAX = 1000


class Category(models.TextChoices):
    SOCIAL_MEDIA = "social_media", _("Social media")
    LATE_NIGHT = "late_night", _("Late-night messages")
    CONTACT = "contact", _("Contact or ambiguous flirtation")
    PLACE = "place", _("A place")
    DATE = "date", _("A date or anniversary")
    MEMORY = "memory", _("An intrusive memory")
    CONFLICT = "conflict", _("Conflict")
    OTHER = "other", _("Other")


class Sharing(models.TextChoices):
    SHARE_NOW = "share_now", _("Share with my partner now")
    AT_CHECKIN = "at_checkin", _("Bring it to our next check-in")
    PRIVATE = "private", _("Keep it private")


def _shared() -> Q:
    return Q(sharing=Sharing.SHARE_NOW) | Q(shared_at__isnull=False)


class TriggerQuerySet(models.QuerySet):
    def shared(self):
        """Entries the partner (and a consenting therapist) may see."""
        return self.filter(_shared())

    def visible_to(self, membership: Membership):
        """The only rule for who sees what: own entries, and the partner's shared ones."""
        return self.filter(couple_id=membership.couple_id).filter(
            Q(author_id=membership.user_id) | _shared()
        )

    def waiting_for_reassurance_from(self, membership: Membership):
        return (
            self.visible_to(membership)
            .exclude(author_id=membership.user_id)
            .filter(sharing=Sharing.SHARE_NOW, first_reassured_at__isnull=True)
        )

    def for_checkin_week(self, couple: Couple, week_start: date, week_end: date):
        """Entries marked for the check-in that happened from week_start to week_end
        (both days included) in the couple's time zone. Show them only after the reveal."""
        start = weeks.local_midnight(week_start, couple.zone)
        end = weeks.local_midnight(week_end + timedelta(days=1), couple.zone)
        return (
            self.filter(
                couple=couple,
                sharing=Sharing.AT_CHECKIN,
                occurred_at__gte=start,
                occurred_at__lt=end,
            )
            .select_related("author")
            .order_by("occurred_at")
        )

    def share_brought_to_checkin(self, couple: Couple, week_end: date, now: datetime) -> int:
        """At a check-in's reveal, share every entry brought to "our next check-in" that
        happened by the end of that week and is not shared yet: this week's, and any
        from a missed week or logged after an earlier reveal. Called inside the reveal's
        transaction, so the partner and the therapist see them at once."""
        end = weeks.local_midnight(week_end + timedelta(days=1), couple.zone)
        return self.filter(
            couple=couple, sharing=Sharing.AT_CHECKIN, occurred_at__lt=end
        ).mark_shared(now)

    def mark_shared(self, now: datetime) -> int:
        """Make these entries visible to the partner for good (idempotent)."""
        newly_shared = self.filter(shared_at__isnull=True)
        couple_ids = set(newly_shared.values_list("couple_id", flat=True))
        for couple_id in couple_ids:
            versions.bump(couple_id)
        return newly_shared.update(shared_at=now) if couple_ids else 0


class Trigger(models.Model):
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="triggers")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="triggers")
    occurred_at = models.DateTimeField(_("when"))
    category = models.CharField(_("what set it off"), max_length=20, choices=Category.choices)
    intensity = models.PositiveSmallIntegerField(
        _("how strong (0-10)"), validators=[MinValueValidator(0), MaxValueValidator(INTENSITY_MAX)]
    )
    what_happened = EncryptedTextField(_("what happened"), max_length=WHAT_HAPPENED_MAX, blank=True)
    body_response = EncryptedTextField(
        _("what I felt in my body"), max_length=BODY_RESPONSE_MAX, blank=True
    )
    what_helped = EncryptedTextField(_("what helped"), max_length=WHAT_HELPED_MAX, blank=True)
    sharing = models.CharField(
        _("who sees this"), max_length=12, choices=Sharing.choices, default=Sharing.AT_CHECKIN
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    first_reassured_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = TriggerQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intensity__gte=0, intensity__lte=INTENSITY_MAX),
                name="trigger_intensity_0_to_10",
            ),
            models.CheckConstraint(
                condition=~Q(sharing="share_now") | Q(shared_at__isnull=False),
                name="trigger_share_now_has_shared_at",
            ),
        ]
        indexes = [
            models.Index(fields=["couple", "author", "occurred_at"]),
            models.Index(fields=["couple", "sharing", "occurred_at"]),
        ]

    def __str__(self):
        # Never the written text: this can end up in logs and the admin.
        return f"Trigger #{self.pk} ({self.category}, {self.intensity}/10)"

    @property
    def time_to_reassurance(self) -> timedelta | None:
        if self.shared_at and self.first_reassured_at:
            return self.first_reassured_at - self.shared_at
        return None

    @property
    def path(self) -> str:
        return reverse("triggers:detail", args=[self.pk])

    @classmethod
    @transaction.atomic
    def record(cls, membership: Membership, now: datetime, **fields) -> "Trigger":
        trigger = cls(couple=membership.couple, author=membership.user, created_at=now, **fields)
        if trigger.sharing == Sharing.SHARE_NOW:
            trigger.shared_at = now
        trigger.save()
        if trigger.shared_at:
            notify_partner(membership, NoticeKind.TRIGGER_WAITING, trigger.path)
        return trigger

    @transaction.atomic
    def revise(self, changes: dict, now: datetime) -> bool:
        """Apply the author's changes. Returns True if this shared it just now.

        The row is re-read under lock so a concurrent check-in reveal is never undone:
        `shared_at` is only ever set here, never cleared.
        """
        locked = Trigger.objects.select_for_update().get(pk=self.pk)
        for name, value in changes.items():
            setattr(locked, name, value)
        newly_shared = locked.sharing == Sharing.SHARE_NOW and locked.shared_at is None
        if newly_shared:
            locked.shared_at = now
        locked.save(update_fields=[*changes, "shared_at"])
        if newly_shared:
            partners = member_ids(self.couple_id, exclude=self.author_id)
            notify(NoticeKind.TRIGGER_WAITING, partners, self.path)
        self.refresh_from_db()
        return newly_shared

    @transaction.atomic
    def reassure(self, author: User, text: str, now: datetime) -> "Reassurance":
        reassurance = Reassurance.objects.create(
            trigger=self, author=author, text=text, created_at=now
        )
        # Only the first reassurance counts for "how quickly reassurance came".
        if Trigger.objects.filter(pk=self.pk, first_reassured_at__isnull=True).update(
            first_reassured_at=now
        ):
            versions.bump(self.couple_id)
        if author.pk != self.author_id:
            notify(NoticeKind.REASSURANCE_ARRIVED, [self.author_id], self.path)
        return reassurance


class Reassurance(models.Model):
    trigger = models.ForeignKey(Trigger, on_delete=models.CASCADE, related_name="reassurances")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(max_length=REASSURANCE_MAX)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Reassurance #{self.pk} on trigger #{self.trigger_id}"


# Trigger patterns and the therapist dashboard keep counts of entries in the cache.
versions.track(Trigger)
