"""A person's data rights: a copy of everything they wrote, and deleting their account.

The export holds what the person wrote or chose, and nothing their partner wrote:
each section is one query filtered on the person as author (a fixed number of
queries, whatever the history). Deletion removes the person and what they wrote;
what the couple made together stays, without their name ("a former partner").
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.content import SECTIONS as AGREEMENT_SECTIONS
from agreements.models import Acceptance, ReviewResponse, Version
from checkins.models import Answer as CheckinAnswer
from checkins.models import CheckIn
from pacing.models import ReadinessReport, Reflection
from therapists.models import (
    Consent,
    CsiResponse,
    ExerciseSuggestion,
    TherapistLink,
    TherapistNote,
    TherapistProfile,
)
from together import models as together
from triggers.models import Reassurance, Trigger

from .models import Couple, EndReason, Membership, SafetyCheck, User

# Rows that keep a deleted person's id on purpose (see delete_account).
KEPT_REFERENCES = {
    # The couple's append-only record of which therapist looked at their space, and
    # when, keeps the therapist's name: the partners keep that right to know.
    ("therapists.AuditEntry", "therapist"),
}


@dataclass
class Section:
    key: str
    title: str
    rows: list[dict[str, Any]] = field(default_factory=list)


LABELS = {
    "email": gettext_lazy("Email address"),
    "display_name": gettext_lazy("Name shown to your partner"),
    "timezone": gettext_lazy("Time zone"),
    "date_joined": gettext_lazy("Account created"),
    "discreet_title": gettext_lazy("Discreet tab title"),
    "role": gettext_lazy("Role"),
    "joined_at": gettext_lazy("Joined"),
    "left_at": gettext_lazy("Left"),
    "week_start": gettext_lazy("Week starting"),
    "submitted_at": gettext_lazy("Shared"),
    "safety": gettext_lazy("Safety"),
    "trust": gettext_lazy("Trust"),
    "connection": gettext_lazy("Connection"),
    "hope": gettext_lazy("Hope"),
    "triggers_text": gettext_lazy("Hard moments this week"),
    "boundaries_text": gettext_lazy("Boundaries"),
    "win_text": gettext_lazy("A small win or an appreciation"),
    "need_text": gettext_lazy("What I need in the coming week"),
    "joint_note": gettext_lazy("Joint note"),
    "next_step": gettext_lazy("Next step"),
    "occurred_at": gettext_lazy("When"),
    "category": gettext_lazy("What set it off"),
    "intensity": gettext_lazy("How strong (0-10)"),
    "sharing": gettext_lazy("Who sees this"),
    "what_happened": gettext_lazy("What happened"),
    "body_response": gettext_lazy("What I felt in my body"),
    "what_helped": gettext_lazy("What helped"),
    "created_at": gettext_lazy("Written"),
    "text": gettext_lazy("Text"),
    "proposed_at": gettext_lazy("Proposed"),
    "status": gettext_lazy("Status"),
    "number": gettext_lazy("Version number"),
    "reason": gettext_lazy("Reason"),
    "closed_at": gettext_lazy("Closed"),
    "decline_comment": gettext_lazy("Your comment"),
    "version": gettext_lazy("Version"),
    "accepted_at": gettext_lazy("Accepted"),
    "answered_at": gettext_lazy("Answered"),
    "choice": gettext_lazy("Your answer"),
    "note": gettext_lazy("Note"),
    "successes": gettext_lazy("What went well this month"),
    "closeness_safety": gettext_lazy("How safe closeness felt (0-10)"),
    "body_settled": gettext_lazy("How settled your body felt (0-10)"),
    "exercise": gettext_lazy("Exercise"),
    "noticed": gettext_lazy("What you noticed"),
    "asked_at": gettext_lazy("Asked"),
    "readiness": gettext_lazy("When you wanted the answer"),
    "started_at": gettext_lazy("Started"),
    "ends_at": gettext_lazy("Planned end"),
    "ended_at": gettext_lazy("Ended"),
    "kind": gettext_lazy("Kind"),
    "thanked_at": gettext_lazy("Thanked"),
    "title": gettext_lazy("Title"),
    "why": gettext_lazy("Why"),
    "steps": gettext_lazy("Steps"),
    "outcome": gettext_lazy("Outcome"),
    "rest": gettext_lazy("Rest"),
    "movement": gettext_lazy("Movement"),
    "people_i_can_talk_to": gettext_lazy("People I can talk to"),
    "my_own_therapy": gettext_lazy("My own therapy"),
    "updated_at": gettext_lazy("Last changed"),
    "afraid": gettext_lazy("Do you feel afraid of your partner?"),
    "share_with_therapist": gettext_lazy("Shared with a therapist"),
    "period": gettext_lazy("Month"),
    "happiness": gettext_lazy("Happiness"),
    "warmth": gettext_lazy("Warmth"),
    "rewarding": gettext_lazy("Rewarding"),
    "satisfaction": gettext_lazy("Satisfaction"),
    "total": gettext_lazy("Total"),
    "given_at": gettext_lazy("Agreed"),
    "revoked_at": gettext_lazy("Withdrawn"),
    "practice_name": gettext_lazy("Practice name"),
    "licence": gettext_lazy("Licence or registration number"),
    "visibility": gettext_lazy("Who sees it"),
    **{section.key: section.title for section in AGREEMENT_SECTIONS},
}


def _pick(obj, *names) -> dict[str, Any]:
    """Field values by name, with choice fields as their readable label."""
    row = {}
    for name in names:
        display = getattr(obj, f"get_{name}_display", None)
        row[name] = str(display()) if display else getattr(obj, name)
    return row


def collect(user: User) -> list[Section]:
    """Everything `user` wrote or chose, section by section. Never a partner's words."""
    couple_ids = list(Membership.objects.filter(user=user).values_list("couple_id", flat=True))
    sections = [
        Section(
            "account",
            _("Your account"),
            [_pick(user, "email", "display_name", "timezone", "date_joined", "discreet_title")],
        ),
        Section(
            "couple_spaces",
            _("Shared spaces you belonged to"),
            [_pick(m, "role", "joined_at", "left_at") for m in user.memberships.order_by("pk")],
        ),
        Section(
            "checkin_answers",
            _("Your check-in answers"),
            [
                {"week_start": a.checkin.week_start}
                | _pick(a, "submitted_at", "safety", "trust", "connection", "hope")
                | _pick(a, "triggers_text", "boundaries_text", "win_text", "need_text")
                for a in CheckinAnswer.objects.filter(author=user)
                .select_related("checkin")
                .order_by("checkin__week_start")
            ],
        ),
        Section(
            "checkin_joint_notes",
            _("Check-in joint notes you last changed"),
            [
                _pick(c, "week_start", "joint_note", "next_step")
                for c in CheckIn.objects.filter(shared_updated_by=user).order_by("week_start")
            ],
        ),
        Section(
            "triggers",
            _("Your trigger log"),
            [
                _pick(t, "occurred_at", "category", "intensity", "sharing")
                | _pick(t, "what_happened", "body_response", "what_helped")
                for t in Trigger.objects.filter(author=user).order_by("occurred_at", "pk")
            ],
        ),
        Section(
            "reassurances",
            _("Reassurances you wrote"),
            [
                _pick(r, "created_at", "text")
                for r in Reassurance.objects.filter(author=user).order_by("created_at", "pk")
            ],
        ),
        Section(
            "agreement_proposals",
            _("Agreement proposals you made"),
            [
                _pick(v, "proposed_at", "status", "number", "reason")
                | _pick(v, *(section.key for section in AGREEMENT_SECTIONS))
                for v in Version.objects.filter(proposed_by=user).order_by("proposed_at", "pk")
            ],
        ),
        Section(
            "agreement_decline_comments",
            _("Your comments when declining a proposal"),
            [
                _pick(v, "closed_at", "decline_comment")
                for v in _declined_by(user, couple_ids).order_by("closed_at", "pk")
            ],
        ),
        Section(
            "agreement_acceptances",
            _("Agreement versions you accepted"),
            [
                {"version": a.version.label, "accepted_at": a.accepted_at}
                for a in Acceptance.objects.filter(partner=user)
                .select_related("version")
                .order_by("accepted_at", "pk")
            ],
        ),
        Section(
            "agreement_reviews",
            _("Your monthly agreement reviews"),
            [
                _pick(r, "answered_at", "choice", "note", "successes")
                for r in ReviewResponse.objects.filter(partner=user).order_by("answered_at")
            ],
        ),
        Section(
            "readiness_reports",
            _("Your readiness checks"),
            [
                _pick(r, "created_at", "closeness_safety", "body_settled", "note")
                for r in ReadinessReport.objects.filter(author=user).order_by("created_at")
            ],
        ),
        Section(
            "reflections",
            _("Your reflections after exercises"),
            [
                {"exercise": r.session.exercise.title} | _pick(r, "created_at", "safety", "noticed")
                for r in Reflection.objects.filter(author=user)
                .select_related("session__exercise")
                .order_by("created_at")
            ],
        ),
        Section(
            "questions",
            _("Questions you asked"),
            [
                _pick(q, "asked_at", "readiness", "text")
                for q in together.Question.objects.filter(asked_by=user).order_by("asked_at", "pk")
            ],
        ),
        Section(
            "answers",
            _("Answers you wrote"),
            [
                _pick(a, "created_at", "text")
                for a in together.Answer.objects.filter(author=user).order_by("created_at", "pk")
            ],
        ),
        Section(
            "pauses",
            _("Pauses you asked for"),
            [
                _pick(p, "started_at", "ends_at", "ended_at", "reason")
                for p in together.Pause.objects.filter(requested_by=user).order_by("started_at")
            ],
        ),
        Section(
            "wins",
            _("Wins and appreciations you wrote"),
            [
                _pick(w, "created_at", "kind", "text", "thanked_at")
                for w in together.Win.objects.filter(author=user).order_by("created_at", "pk")
            ],
        ),
        Section(
            "goal_proposals",
            _("Shared goals you proposed"),
            [
                _pick(g, "created_at", "title", "why", "steps", "outcome")
                for g in together.GoalChange.objects.filter(proposed_by=user).order_by(
                    "created_at", "pk"
                )
            ],
        ),
        Section(
            "journal",
            _("Your journal"),
            [
                _pick(j, "created_at", "text")
                for j in together.JournalEntry.objects.filter(author=user).order_by("created_at")
            ],
        ),
        Section(
            "self_care_plan",
            _("Your self-care plan"),
            [
                _pick(p, "rest", "movement", "people_i_can_talk_to", "my_own_therapy", "updated_at")
                for p in together.SelfCarePlan.objects.filter(user=user)
            ],
        ),
        Section(
            "safety_checks",
            _("Your private safety checks"),
            [
                _pick(s, "answered_at", "afraid", "share_with_therapist")
                for s in SafetyCheck.objects.filter(user=user).order_by("answered_at")
            ],
        ),
        Section(
            "csi",
            _("Your relationship questionnaires (CSI-4)"),
            [
                _pick(c, "period", "happiness", "warmth", "rewarding", "satisfaction", "total")
                for c in CsiResponse.objects.filter(partner=user).order_by("period")
            ],
        ),
        Section(
            "therapist_consents",
            _("Your consents to a therapist"),
            [
                _pick(c, "given_at", "revoked_at")
                for c in Consent.objects.filter(partner=user).order_by("given_at")
            ],
        ),
    ]
    if user.is_therapist:
        sections += _therapist_sections(user)
    return sections


def _declined_by(user: User, couple_ids: list[int]):
    """Declined proposals of the person's couples that they did not propose: the
    partner who did not propose is the one who declines, so the comment is theirs."""
    return Version.objects.filter(
        agreement__couple_id__in=couple_ids, status=Version.Status.DECLINED
    ).exclude(proposed_by=user)


def _therapist_sections(user: User) -> list[Section]:
    return [
        Section(
            "therapist_profile",
            _("Your practice"),
            [
                _pick(p, "practice_name", "licence")
                for p in TherapistProfile.objects.filter(user=user)
            ],
        ),
        Section(
            "therapist_notes",
            _("Notes you wrote as a therapist"),
            [
                _pick(n, "created_at", "visibility", "text")
                for n in TherapistNote.objects.filter(therapist=user).order_by("created_at")
            ],
        ),
        Section(
            "therapist_suggestions",
            _("Exercises you suggested"),
            [
                {"exercise": s.exercise.title} | _pick(s, "created_at", "note")
                for s in ExerciseSuggestion.objects.filter(therapist=user)
                .select_related("exercise")
                .order_by("created_at")
            ],
        ),
    ]


def as_json(user: User, sections: list[Section]) -> dict[str, Any]:
    return {
        "exported_at": timezone.now().isoformat(),
        "about": "Everything you wrote in Common Ground. Nothing your partner wrote.",
        "sections": {section.key: section.rows for section in sections},
    }


def _readable(value, zone) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value, zone), "j F Y, H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)


def as_readable(user: User, sections: list[Section]) -> list[dict[str, Any]]:
    """Sections with labelled, formatted values (in the person's time zone) for the page."""
    zone = user.zone
    return [
        {
            "key": section.key,
            "title": section.title,
            "rows": [
                [(LABELS.get(name, name), _readable(value, zone)) for name, value in row.items()]
                for row in section.rows
            ],
        }
        for section in sections
    ]


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the person and what they wrote; anonymise what stays with the couple.

    - An open shared space closes for both (as when leaving).
    - Deleted with the account (database cascades): check-in answers, trigger entries
      with their reassurances, reassurances written, readiness checks, reflections,
      questions asked (with their answers), answers, pauses, wins, goal proposals,
      journal, self-care plan, safety checks, CSI answers, consents, emails sent,
      sign-in sessions; for a therapist, their notes and links.
    - Deleted here: agreement proposals that never took effect, review answers, and
      the text of comments written when declining the partner's proposals.
    - Kept without the name (foreign keys set to NULL, shown as "a former partner"):
      agreement versions in force and who accepted them, joint check-in notes,
      shared goals and ticked steps, exercise sessions.
    - Kept with the id: see KEPT_REFERENCES.
    - A space left with no members at all is deleted entirely.
    """
    membership = Membership.objects.active().filter(user=user).select_related("couple").first()
    if membership:
        membership.couple.end(by=user, reason=EndReason.ACCOUNT_DELETED)
    TherapistLink.end_all_for(user)  # their pace for each couple goes with them
    couple_ids = list(Membership.objects.filter(user=user).values_list("couple_id", flat=True))
    Version.objects.filter(proposed_by=user, number__isnull=True).delete()
    _declined_by(user, couple_ids).update(decline_comment="")
    ReviewResponse.objects.filter(partner=user).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    for session in UserSession.objects.filter(user=user):
        session.end()
    user.delete()
    Couple.objects.filter(pk__in=couple_ids, memberships__isnull=True).delete()
