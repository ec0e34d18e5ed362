"""The acknowledgement letter: the involved partner owns the harm, in writing, and the
hurt partner decides when to receive it.

Who reads what lives here, in one place per model:

- `Letter.objects.visible_to(membership)`: the letters whose words a partner may read:
  every version its author wrote (drafts included), and a delivered version for the
  hurt partner only once they chose to receive it now.
- `Letter.objects.offered_to(membership)`: the delivered versions waiting for the hurt
  partner's choice, as plain values without a word of the letter in them.
- `Letter.objects.for_therapist()`: a draft while its author asks the therapist to read
  it, and a delivered version its author chose to share (the caller has checked the
  therapist's access to the couple: both consents, on every request).
- `LetterComment.objects.visible_to(membership)`: the therapist's comments reach the
  author only.
- `LetterReply.objects.visible_to(membership)`: the hurt partner's answer is theirs,
  and reaches the author only if they shared it.

The author never learns more than "received" or "not yet": the hurt partner's choice
("at our next session", "not yet") and when they made it are read only for them.
A delivered version never changes again (`Letter.save` refuses), so a later version is
a new row.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts.models import Couple, Membership, User
from notices.models import Kind as NoticeKind
from notices.services import notify, notify_partner
from recovery.encryption import EncryptedTextField
from therapists.models import TherapistLink

TEXT_MAX = 4000
COMMENT_MAX = 2000
REPLY_MAX = 4000

# The guided steps of a letter, in the order they are written and read.
STEPS = ("what_i_did", "impact", "what_i_own", "changing", "not_asking")


class LetterError(Exception):
    """Something that cannot be done with this letter now, worded for the person asking."""


class StaleDraft(LetterError):
    """The draft being written was marked ready (in another tab) in the meantime."""


class Receive(models.TextChoices):
    NOW = "now", _("Now")
    SESSION = "session", _("At our next session")
    NOT_YET = "not_yet", _("Not yet")


def therapist_with_access(couple_id: int) -> User | None:
    """The couple's therapist, only while both partners consent (checked each time)."""
    link = (
        TherapistLink.objects.with_access()
        .select_related("therapist")
        .filter(couple_id=couple_id)
        .first()
    )
    return link.therapist if link else None


class LetterQuerySet(models.QuerySet):
    def drafts(self):
        return self.filter(ready_at__isnull=True)

    def delivered(self):
        return self.filter(ready_at__isnull=False)

    def received(self):
        return self.filter(received_at__isnull=False)

    def visible_to(self, membership: Membership):
        """THE rule for the words of a letter: its author, always; the hurt partner of
        the couple once they chose to receive that version."""
        return self.filter(couple_id=membership.couple_id).filter(
            Q(author_id=membership.user_id) | Q(ready_at__isnull=False, received_at__isnull=False)
        )

    def offered_to(self, membership: Membership):
        """Delivered versions waiting for this partner's choice: plain values, never
        the letter itself, so a template cannot reach a word of it."""
        return (
            self.delivered()
            .filter(couple_id=membership.couple_id, received_at__isnull=True)
            .exclude(author_id=membership.user_id)
            .order_by("number")
            .values("pk", "number", "ready_at", "choice")
        )

    def for_therapist(self, therapist: User):
        """What a consenting therapist may read: a draft while its author asks them
        for a read, a delivered version its author shared."""
        return self.filter(
            Q(ready_at__isnull=True, review_asked_at__isnull=False, reviewer=therapist)
            | Q(ready_at__isnull=False, shared_with_therapist_at__isnull=False)
        )


class Letter(models.Model):
    """One version of the letter. The couple has at most one draft at a time; every
    version marked ready stays exactly as it was."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="letters")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="letters")
    number = models.PositiveIntegerField(_("version"))
    what_i_did = EncryptedTextField(_("what I did"), max_length=TEXT_MAX, blank=True)
    impact = EncryptedTextField(
        _("the impact it had on you, as I understand it"), max_length=TEXT_MAX, blank=True
    )
    what_i_own = EncryptedTextField(_("what I own"), max_length=TEXT_MAX, blank=True)
    changing = EncryptedTextField(_("what I am changing"), max_length=TEXT_MAX, blank=True)
    not_asking = EncryptedTextField(
        _("what I am not asking of you"), max_length=TEXT_MAX, blank=True
    )
    created_at = models.DateTimeField(_("started"), default=tz.now)
    updated_at = models.DateTimeField(_("last saved"), default=tz.now)
    # While set on a draft, the couple's consenting therapist may read it and comment.
    review_asked_at = models.DateTimeField(_("therapist asked to read"), null=True, blank=True)
    # The therapist asked: a therapist the couple works with later never reads it.
    reviewer = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ready_at = models.DateTimeField(_("marked ready"), null=True, blank=True)
    shared_with_therapist_at = models.DateTimeField(
        _("shared with the therapist"), null=True, blank=True
    )
    # The hurt partner's choice: read only for them, never shown to the author.
    choice = models.CharField(
        _("when to receive it"), max_length=10, choices=Receive.choices, blank=True
    )
    choice_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["couple", "number"], name="letter_one_number"),
            models.UniqueConstraint(
                fields=["couple"],
                condition=Q(ready_at__isnull=True),
                name="letter_one_draft_per_couple",
            ),
        ]

    def __str__(self):
        return f"Letter #{self.pk} (version {self.number})"

    def save(self, *args, **kwargs):
        """A delivered version never changes: only the author's sharing choice and the
        hurt partner's choice may still be written."""
        fields = kwargs.get("update_fields")
        if self.pk and self.ready_at and (fields is None or set(fields) & {*STEPS, "ready_at"}):
            raise LetterError(_("A letter marked ready stays exactly as it was."))
        super().save(*args, **kwargs)

    @property
    def path(self) -> str:
        return reverse("acknowledgement:letter", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.ready_at is None

    @property
    def is_received(self) -> bool:
        return self.received_at is not None

    @property
    def review_open(self) -> bool:
        return self.is_draft and self.review_asked_at is not None

    def steps(self) -> list[tuple[str, str]]:
        """(label, text) of each step, in order."""
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in STEPS]

    # --- The author ---------------------------------------------------------------------

    @classmethod
    def draft_of(cls, membership: Membership) -> "Letter | None":
        return cls.objects.drafts().filter(couple_id=membership.couple_id).first()

    @classmethod
    def next_number(cls, membership: Membership) -> int:
        top = cls.objects.filter(couple_id=membership.couple_id).aggregate(top=Max("number"))
        return (top["top"] or 0) + 1

    @classmethod
    def save_draft(cls, membership: Membership, values: dict, number: int) -> "Letter":
        """Keep what the author wrote in version `number` (a draft, made on the first
        save). A version marked ready in the meantime is never written over."""
        if not membership.is_involved:
            raise PermissionDenied
        with transaction.atomic():
            Couple.objects.select_for_update().filter(pk=membership.couple_id).get()
            letter = cls.objects.filter(couple_id=membership.couple_id, number=number).first()
            if letter is None:
                if number != cls.next_number(membership):
                    raise StaleDraft(_STALE)
                letter = cls(couple_id=membership.couple_id, author=membership.user, number=number)
            elif not letter.is_draft:
                raise StaleDraft(_STALE)
            for name in STEPS:
                if name in values:
                    setattr(letter, name, values[name])
            letter.updated_at = tz.now()
            if letter.pk is None:
                try:
                    with transaction.atomic():
                        letter.save()
                except IntegrityError:
                    raise StaleDraft(_STALE) from None
            else:
                letter.save(update_fields=[*STEPS, "updated_at"])
            return letter

    def _lock(self, membership: Membership) -> "Letter":
        """The author's own letter, row-locked, fresh from the database."""
        if membership.user_id != self.author_id:
            raise PermissionDenied
        return Letter.objects.select_for_update().get(pk=self.pk)

    def mark_ready(self, membership: Membership) -> None:
        """The letter is delivered: the hurt partner is told it is there for them,
        whenever they choose (nothing of what it says)."""
        with transaction.atomic():
            locked = self._lock(membership)
            if not locked.is_draft:
                raise LetterError(_("This letter is already with your partner."))
            missing = [str(label) for label, text in locked.steps() if not text.strip()]
            if missing:
                raise LetterError(
                    _("Before it is ready, please write each part: %(what)s.")
                    % {"what": ", ".join(missing)}
                )
            now = tz.now()
            Letter.objects.filter(pk=self.pk).update(ready_at=now)
            self.ready_at = now
            notify_partner(membership, NoticeKind.LETTER_READY, self.path)

    def ask_review(self, membership: Membership) -> None:
        """Ask the couple's therapist to read this draft first (only while both
        partners consent to the therapist)."""
        with transaction.atomic():
            locked = self._lock(membership)
            if not locked.is_draft:
                raise LetterError(_("This letter is already with your partner."))
            therapist = therapist_with_access(self.couple_id)
            if therapist is None:
                raise LetterError(_("You have no therapist with both your consents just now."))
            if locked.review_asked_at is None or locked.reviewer_id != therapist.pk:
                now = tz.now()
                Letter.objects.filter(pk=self.pk).update(review_asked_at=now, reviewer=therapist)
                self.review_asked_at, self.reviewer = now, therapist
                path = reverse("acknowledgement:therapist", args=[self.couple_id])
                notify(NoticeKind.LETTER_READ_ASKED, [therapist.pk], path)

    def end_review(self, membership: Membership) -> None:
        with transaction.atomic():
            self._lock(membership)
            Letter.objects.filter(pk=self.pk, ready_at__isnull=True).update(
                review_asked_at=None, reviewer=None
            )
            self.review_asked_at, self.reviewer = None, None

    def share_with_therapist(self, membership: Membership, share: bool) -> None:
        """The author's choice for a delivered version: our therapist may read it."""
        with transaction.atomic():
            locked = self._lock(membership)
            if locked.is_draft:
                raise LetterError(_("A draft is shared by asking your therapist to read it."))
            if share and therapist_with_access(self.couple_id) is None:
                raise LetterError(_("You have no therapist with both your consents just now."))
            self.shared_with_therapist_at = (
                (locked.shared_with_therapist_at or tz.now()) if share else None
            )
            self.save(update_fields=["shared_with_therapist_at"])

    # --- The hurt partner ---------------------------------------------------------------

    def choose(self, membership: Membership, choice: str) -> None:
        """When to receive it: now, at our next session, or not yet. They can change
        their mind until they have received it."""
        if membership.user_id == self.author_id or membership.couple_id != self.couple_id:
            raise PermissionDenied
        with transaction.atomic():
            locked = Letter.objects.select_for_update().get(pk=self.pk)
            if locked.is_draft:
                raise PermissionDenied
            if locked.is_received:
                raise LetterError(_("You have received this letter. It stays here for you."))
            now = tz.now()
            self.choice, self.choice_at = choice, now
            fields = ["choice", "choice_at"]
            if choice == Receive.NOW:
                self.received_at = now
                fields.append("received_at")
            self.save(update_fields=fields)
            if choice == Receive.NOW:
                notify_partner(membership, NoticeKind.LETTER_RECEIVED, self.path)


_STALE = _(
    "This version was marked ready in the meantime, so it stays as it was. What you typed "
    "is still in the form: copy it into a new version if you want to keep it."
)


class LetterCommentQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """THE rule: a comment reaches the letter's author, and no one else in the couple."""
        return self.filter(
            letter__couple_id=membership.couple_id, letter__author_id=membership.user_id
        )


class LetterComment(models.Model):
    """A comment by the couple's therapist on a draft they were asked to read."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="comments")
    therapist = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(_("comment"), max_length=COMMENT_MAX)
    created_at = models.DateTimeField(_("written"), default=tz.now)

    objects = LetterCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Comment #{self.pk} on letter #{self.letter_id}"

    @classmethod
    def write(cls, couple: Couple, therapist: User, text: str) -> "LetterComment":
        """On the couple's draft under review (the caller checked the therapist's access)."""
        with transaction.atomic():
            letter = (
                Letter.objects.select_for_update()
                .drafts()
                .filter(couple=couple, review_asked_at__isnull=False, reviewer=therapist)
                .first()
            )
            if letter is None:
                raise LetterError(_("There is no draft waiting for your reading just now."))
            comment = cls.objects.create(letter=letter, therapist=therapist, text=text)
            notify(NoticeKind.LETTER_COMMENT, [letter.author_id], letter.path)
            return comment


class LetterReplyQuerySet(models.QuerySet):
    def visible_to(self, membership: Membership):
        """THE rule: the hurt partner's own answer; the author's letter's answer only
        once it was shared."""
        return self.filter(couple_id=membership.couple_id).filter(
            Q(author_id=membership.user_id)
            | Q(shared_at__isnull=False, letter__author_id=membership.user_id)
        )


class LetterReply(models.Model):
    """The hurt partner's answer to a letter they received: kept for themselves, or
    shared. Never asked for. It stays theirs if the letter's author deletes their
    account."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    letter = models.OneToOneField(
        Letter, null=True, blank=True, on_delete=models.SET_NULL, related_name="reply"
    )
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="letter_replies")
    text = EncryptedTextField(_("my answer"), max_length=REPLY_MAX)
    created_at = models.DateTimeField(_("written"), default=tz.now)
    updated_at = models.DateTimeField(_("last saved"), default=tz.now)
    shared_at = models.DateTimeField(_("shared with my partner"), null=True, blank=True)

    objects = LetterReplyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Answer #{self.pk} to letter #{self.letter_id}"

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    @classmethod
    def save_for(cls, membership: Membership, letter: Letter, text: str, share: bool):
        """Write (or rewrite, while it is private) the answer; sharing is once and for
        all, and tells the author there is an answer (never what it says)."""
        if membership.user_id == letter.author_id or membership.couple_id != letter.couple_id:
            raise PermissionDenied
        with transaction.atomic():
            locked = Letter.objects.select_for_update().get(pk=letter.pk)
            if not locked.is_received:
                raise PermissionDenied
            reply = cls.objects.select_for_update().filter(letter=letter).first()
            if reply and reply.is_shared:
                raise LetterError(_("Your answer is shared, so it stays as it was."))
            now = tz.now()
            if reply is None:
                reply = cls(couple_id=letter.couple_id, letter=letter, author=membership.user)
            reply.text, reply.updated_at = text, now
            if share:
                reply.shared_at = now
            reply.save()
            if share:
                notify(NoticeKind.LETTER_REPLY, [letter.author_id], letter.path)
            return reply
