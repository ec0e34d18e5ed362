"""What's new for each person: one notice per recipient and event.

A notice names the kind of thing and links to it; it never holds what anyone wrote.
It is created in the same transaction as the act that makes its item visible to the
recipient (see `notices.services.notify`), so a notice exists only once its item does.
The row is also the outbox for the discreet email some kinds send: `email_state` says
an email is owed until the relay (`notices.tasks`) has handed it to `send_once`.
"""

from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone as tz
from django.utils.translation import gettext_lazy as _

from accounts.models import EmailKind, PushKind, User


class Kind(models.TextChoices):
    PARTNER_CHECKED_IN = "partner_checked_in", _("Your partner shared this week's check-in")
    CHECKIN_REVEALED = "checkin_revealed", _("You have both shared: this week's check-in is open")
    TRIGGER_WAITING = "trigger_waiting", _("A hard moment your partner shared waits for you")
    REASSURANCE_ARRIVED = "reassurance_arrived", _("Reassurance arrived on a moment you shared")
    ANSWER_ARRIVED = "answer_arrived", _("An answer arrived on your question")
    ANSWER_REVISED = "answer_revised", _("The answer to your question has a new version")
    QUESTION_WAITING = "question_waiting", _("A question waits for your answer")
    PAUSE_ASKED = "pause_asked", _("Your partner asked for a pause")
    PAUSE_ENDED = "pause_ended", _("A pause has ended")
    PROPOSAL_WAITING = "proposal_waiting", _("A change to your agreement waits for your answer")
    PROPOSAL_ACCEPTED = "proposal_accepted", _("Your proposed change was accepted")
    PROPOSAL_DECLINED = "proposal_declined", _("Your proposed change was declined, with a comment")
    PROPOSAL_WITHDRAWN = "proposal_withdrawn", _("A proposed agreement change was withdrawn")
    GOAL_CHANGE_WAITING = "goal_change_waiting", _("A change to a shared goal waits for you")
    GOAL_CHANGE_DECIDED = "goal_change_decided", _("A proposed goal change was settled")
    REVIEW_OPENED = "review_opened", _("This month's agreement review is open")
    CONSENT_ASKED = "consent_asked", _("A therapist is waiting for your agreement to join")
    CONSENT_GIVEN = "consent_given", _("Your partner agreed to work with your therapist")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Your partner withdrew consent for your therapist")
    THERAPIST_NOTE = "therapist_note", _("Your therapist left a note for you both")
    PARTNER_LEFT = "partner_left", _("Your partner left the shared space")
    REPAIR_WAITING = "repair_waiting", _("Your partner started a repair conversation")
    REPAIR_STILL_WAITING = (
        "repair_still_waiting",
        _("A repair conversation is still there for you, whenever you are ready"),
    )
    REPAIR_PARTNER_FINISHED = (
        "repair_partner_finished",
        _("Your partner finished their side of a repair"),
    )
    REPAIR_REVEALED = "repair_revealed", _("You have both finished: your repair is open")
    REPAIR_PLAN_WAITING = "repair_plan_waiting", _("A plan after a repair waits for your answer")
    REPAIR_PLAN_DECIDED = "repair_plan_decided", _("A proposed plan after a repair was settled")
    REPAIR_WITHDRAWN = "repair_withdrawn", _("A repair conversation was withdrawn")
    HEADS_UP_SHARED = "heads_up_shared", _("Your partner gave you a heads-up")
    HEADS_UP_CHANGED = "heads_up_changed", _("Your partner changed a heads-up")
    HEADS_UP_THANKED = "heads_up_thanked", _("Your partner thanked you for a heads-up")
    PLANS_SHARED = "plans_shared", _("Your partner shared their plans for the week")
    PLANS_CHANGED = "plans_changed", _("Your partner changed their plans for the week")
    TELLING_OFFERED = "telling_offered", _("Your partner has something they want to tell you")
    FORGIVENESS_SHARED = (
        "forgiveness_shared",
        _("Your partner chose to share a message with you about forgiveness"),
    )
    LETTER_READY = (
        "letter_ready",
        _("A letter from your partner is ready for you, whenever you choose"),
    )
    LETTER_RECEIVED = "letter_received", _("Your letter was received")
    LETTER_COMMENT = "letter_comment", _("Your therapist left a comment on your draft")
    LETTER_REPLY = "letter_reply", _("Your partner wrote back about your letter")
    LETTER_READ_ASKED = "letter_read_asked", _("A draft waits for your reading")
    RITUAL_PROPOSED = "ritual_proposed", _("Your partner suggested a ritual for you both")
    RITUAL_ACCEPTED = "ritual_accepted", _("A ritual you suggested was agreed")
    RITUAL_END_ASKED = "ritual_end_asked", _("Your partner asked to end a ritual")
    RITUAL_DECLINED = "ritual_declined", _("Your partner answered a ritual you suggested")
    RITUAL_KEPT = "ritual_kept", _("Your partner would rather keep a ritual going")
    RITUAL_ENDED = "ritual_ended", _("A ritual was ended, as you asked")
    RITUAL_COMING_UP = "ritual_coming_up", _("A ritual you asked to be reminded of is coming up")
    PRACTICE_WRITTEN = "practice_written", _("Your therapist wrote a practice for you")
    AGENDA_ITEM_ADDED = "agenda_item_added", _("A couple added to the agenda of their next session")
    AGENDA_CLOSED = "agenda_closed", _("Your therapist closed your session agenda with a note")
    INTENSIVE_PLANNED = "intensive_planned", _("Your therapist planned an intensive for you both")
    # For therapists: their own "what's new".
    COUPLE_LINKED = "couple_linked", _("A couple invited you; they appear once both agree")
    COUPLE_SHARING = "couple_sharing", _("A couple agreed, both of them, to share with you")
    FLAG_RAISED = "flag_raised", _("A couple on your list may need your attention")


# The kinds that also send a discreet email, and which one (each can be turned off).
EMAILS = {
    Kind.TRIGGER_WAITING: (EmailKind.TRIGGER_SHARED, "trigger_shared"),
    Kind.REASSURANCE_ARRIVED: (EmailKind.REASSURANCE_ARRIVED, "reassurance_arrived"),
    Kind.ANSWER_ARRIVED: (EmailKind.ANSWER_ARRIVED, "answer_arrived"),
    Kind.ANSWER_REVISED: (EmailKind.ANSWER_ARRIVED, "answer_arrived"),
    Kind.PROPOSAL_WAITING: (EmailKind.PROPOSAL_PENDING, "proposal_pending"),
    Kind.PROPOSAL_DECLINED: (EmailKind.PROPOSAL_DECLINED, "proposal_declined"),
    Kind.CONSENT_ASKED: (EmailKind.CONSENT_ASKED, "consent_asked"),
    Kind.PARTNER_LEFT: (EmailKind.PARTNER_LEFT, "partner_left"),
    # The one reminder of an unanswered repair: at most once per repair, ever.
    Kind.REPAIR_STILL_WAITING: (EmailKind.REPAIR_WAITING, "repair_waiting"),
    # A therapist's news: one content-free email, at most one an hour, whatever happened.
    Kind.COUPLE_LINKED: (EmailKind.PRACTICE_NEWS, "practice_news"),
    Kind.COUPLE_SHARING: (EmailKind.PRACTICE_NEWS, "practice_news"),
    Kind.FLAG_RAISED: (EmailKind.PRACTICE_NEWS, "practice_news"),
    Kind.AGENDA_ITEM_ADDED: (EmailKind.PRACTICE_NEWS, "practice_news"),
}

# What each kind is about, for the person's notification switches (every kind can also
# reach their devices; the notification itself never says which, unless they chose so).
PUSH_KINDS = {
    Kind.PARTNER_CHECKED_IN: PushKind.CHECKINS,
    Kind.CHECKIN_REVEALED: PushKind.CHECKINS,
    Kind.TRIGGER_WAITING: PushKind.HARD_MOMENTS,
    Kind.REASSURANCE_ARRIVED: PushKind.HARD_MOMENTS,
    Kind.ANSWER_ARRIVED: PushKind.QUESTIONS,
    Kind.ANSWER_REVISED: PushKind.QUESTIONS,
    Kind.QUESTION_WAITING: PushKind.QUESTIONS,
    Kind.PAUSE_ASKED: PushKind.PAUSES,
    Kind.PAUSE_ENDED: PushKind.PAUSES,
    Kind.PROPOSAL_WAITING: PushKind.AGREEMENT,
    Kind.PROPOSAL_ACCEPTED: PushKind.AGREEMENT,
    Kind.PROPOSAL_DECLINED: PushKind.AGREEMENT,
    Kind.PROPOSAL_WITHDRAWN: PushKind.AGREEMENT,
    Kind.REVIEW_OPENED: PushKind.AGREEMENT,
    Kind.GOAL_CHANGE_WAITING: PushKind.GOALS,
    Kind.GOAL_CHANGE_DECIDED: PushKind.GOALS,
    Kind.CONSENT_ASKED: PushKind.THERAPIST,
    Kind.CONSENT_GIVEN: PushKind.THERAPIST,
    Kind.CONSENT_WITHDRAWN: PushKind.THERAPIST,
    Kind.THERAPIST_NOTE: PushKind.THERAPIST,
    Kind.PRACTICE_WRITTEN: PushKind.THERAPIST,
    Kind.AGENDA_CLOSED: PushKind.THERAPIST,
    Kind.INTENSIVE_PLANNED: PushKind.THERAPIST,
    Kind.LETTER_COMMENT: PushKind.THERAPIST,
    Kind.PARTNER_LEFT: PushKind.SPACE,
    Kind.REPAIR_WAITING: PushKind.REPAIRS,
    Kind.REPAIR_STILL_WAITING: PushKind.REPAIRS,
    Kind.REPAIR_PARTNER_FINISHED: PushKind.REPAIRS,
    Kind.REPAIR_REVEALED: PushKind.REPAIRS,
    Kind.REPAIR_PLAN_WAITING: PushKind.REPAIRS,
    Kind.REPAIR_PLAN_DECIDED: PushKind.REPAIRS,
    Kind.REPAIR_WITHDRAWN: PushKind.REPAIRS,
    Kind.HEADS_UP_SHARED: PushKind.HEADS_UPS,
    Kind.HEADS_UP_CHANGED: PushKind.HEADS_UPS,
    Kind.HEADS_UP_THANKED: PushKind.HEADS_UPS,
    Kind.PLANS_SHARED: PushKind.HEADS_UPS,
    Kind.PLANS_CHANGED: PushKind.HEADS_UPS,
    Kind.TELLING_OFFERED: PushKind.HEADS_UPS,
    Kind.FORGIVENESS_SHARED: PushKind.LETTERS,
    Kind.LETTER_READY: PushKind.LETTERS,
    Kind.LETTER_RECEIVED: PushKind.LETTERS,
    Kind.LETTER_REPLY: PushKind.LETTERS,
    Kind.RITUAL_PROPOSED: PushKind.RITUALS,
    Kind.RITUAL_ACCEPTED: PushKind.RITUALS,
    Kind.RITUAL_END_ASKED: PushKind.RITUALS,
    Kind.RITUAL_DECLINED: PushKind.RITUALS,
    Kind.RITUAL_KEPT: PushKind.RITUALS,
    Kind.RITUAL_ENDED: PushKind.RITUALS,
    Kind.RITUAL_COMING_UP: PushKind.RITUALS,
    Kind.LETTER_READ_ASKED: PushKind.COUPLES,
    Kind.AGENDA_ITEM_ADDED: PushKind.COUPLES,
    Kind.COUPLE_LINKED: PushKind.COUPLES,
    Kind.COUPLE_SHARING: PushKind.COUPLES,
    Kind.FLAG_RAISED: PushKind.COUPLES,
}

# The relay tries again after 1, 2, 4 ... minutes, at most an hour apart, for about a day.
MAX_EMAIL_ATTEMPTS = 30
MAX_RETRY_DELAY = timedelta(hours=1)


def retry_delay(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** min(attempts, 10)), MAX_RETRY_DELAY)


def email_period(moment: datetime) -> str:
    """The hour (UTC) a notice falls in: at most one email per kind and person per hour."""
    return "hour:" + moment.astimezone(tz.UTC).strftime("%Y-%m-%dT%H")


class NoticeQuerySet(models.QuerySet):
    def visible_to(self, user: User):
        """THE rule: a person sees their own notices only. A notice is created only once
        its item is visible to its recipient (see services.notify), so no other check."""
        return self.filter(recipient_id=user.pk)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def emails_due(self, now: datetime):
        return self.filter(email_state=Notice.Email.OWED, email_due_at__lte=now)

    def mark_read(self, now: datetime | None = None) -> int:
        return self.filter(read_at__isnull=True).update(read_at=now or tz.now())

    def opened(self, user: User, pk: int, path: str) -> int:
        """The person opened a notice's link: that notice, and any other unread one
        pointing at the same item, are read."""
        return self.visible_to(user).filter(Q(pk=pk) | Q(path=path)).mark_read()


class Notice(models.Model):
    class Email(models.TextChoices):
        NONE = "none", _("No email for this kind")
        OWED = "owed", _("Email owed")
        DONE = "done", _("Email handed to the sender")
        FAILED = "failed", _("Email could not be sent")

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("what happened"), max_length=32, choices=Kind.choices)
    # Where the item lives, e.g. "/triggers/12/": the link, and how opening it marks read.
    path = models.CharField(max_length=300)
    created_at = models.DateTimeField(_("when"), default=tz.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_state = models.CharField(max_length=8, choices=Email.choices, default=Email.NONE)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_due_at = models.DateTimeField(null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notice_by_recipient"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notice_unread"
            ),
            models.Index(
                fields=["email_due_at"], condition=Q(email_state="owed"), name="notice_email_owed"
            ),
        ]

    def __str__(self):
        return f"{self.kind} for user {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def link(self) -> str:
        """The item's address, marking this notice read when followed."""
        return f"{self.path}?notice={self.pk}"
