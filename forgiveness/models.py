"""Forgiveness, only on the hurt partner's terms.

A private space for the hurt partner: reflections on what forgiveness would or would
not mean for them, and, if and only if they choose, a message about forgiveness shared
with their partner. Nobody else sees the space or learns that it exists: the involved
partner and the therapist have no page, count, notice or export field for it. The
involved partner sees a message once it is shared, and is told then (never its words).
No progress, no percentage, no "ready to forgive?" anywhere.
"""

from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, User
from notices.models import Kind as NoticeKind
from notices.services import notify_partner
from recovery.encryption import EncryptedTextField

REFLECTION_MAX = 4000
MESSAGE_MAX = 4000


class Prompt(models.TextChoices):
    """Places to start from, never questions to finish."""

    WOULD_MEAN = "would_mean", _("If forgiveness ever came, what might it mean for me?")
    WOULD_NOT_MEAN = (
        "would_not_mean",
        _("What would forgiveness not mean? What would it not erase, excuse or promise?"),
    )
    NEED_FIRST = "need_first", _("What would I need first, before it could even be a question?")
    FOR_WHOM = "for_whom", _("If I forgave, who would it be for?")
    NOT_NOW = "not_now", _("What is it like to not forgive, for now, or at all?")
    OWN_WORDS = "own_words", _("In my own words")


class ReflectionQuerySet(models.QuerySet):
    def visible_to(self, user: User):
        """THE rule: its author, and nobody else, ever."""
        return self.filter(author_id=user.pk)


class Reflection(models.Model):
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    prompt = models.CharField(
        _("started from"), max_length=20, choices=Prompt.choices, default=Prompt.OWN_WORDS
    )
    text = EncryptedTextField(_("reflection"), max_length=REFLECTION_MAX)
    created_at = models.DateTimeField(_("written"), default=tz.now)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["author", "-created_at"])]

    def __str__(self):
        return f"Reflection #{self.pk}"


class MessageQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """THE rule: its author always; the partner only once the author shared it.
        Nobody else (a therapist has no membership, so never)."""
        return self.filter(
            Q(author_id=membership.user_id)
            | Q(couple_id=membership.couple_id, shared_at__isnull=False)
        )

    def drafts_of(self, user: User):
        return self.filter(author_id=user.pk, shared_at__isnull=True)


class Message(models.Model):
    """Something the hurt partner may choose to tell their partner about forgiveness.
    Private until they share it; once shared it stays as it was."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(_("message about forgiveness"), max_length=MESSAGE_MAX)
    created_at = models.DateTimeField(_("written"), default=tz.now)
    shared_at = models.DateTimeField(_("shared with my partner"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["couple", "shared_at"])]

    def __str__(self):
        return f"Message #{self.pk}"

    @property
    def path(self) -> str:
        return reverse("forgiveness:message", args=[self.pk])

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    def is_authored_by(self, membership: Membership) -> bool:
        return self.author_id == membership.user_id

    def revise(self, text: str) -> bool:
        """Change a draft; a shared message stays as it was (False)."""
        return bool(Message.objects.filter(pk=self.pk, shared_at__isnull=True).update(text=text))

    @transaction.atomic
    def share(self, membership: Membership) -> bool:
        """The author chose to share it: the partner sees it from now on, and is told
        (without its words). Sharing twice changes nothing (False)."""
        locked = Message.objects.select_for_update().get(pk=self.pk)
        if locked.author_id != membership.user_id or locked.shared_at is not None:
            return False
        locked.shared_at = tz.now()
        locked.save(update_fields=["shared_at"])
        self.shared_at = locked.shared_at
        notify_partner(membership, NoticeKind.FORGIVENESS_SHARED, self.path)
        return True
