"""What one person keeps of a shared space that has closed: what they wrote, and what
was shared with them before the end.

Nothing here decides who sees what. Every item is read through its app's own rule
(`Answer.objects.visible_to`, `Trigger.objects.visible_to`, the agreement's versions
that took effect, the couple's questions) with the person's read-only membership of
the closed space, so the archive shows exactly what the live pages showed, and
nothing the partner kept private. Each page is paged, in a fixed number of queries
whatever the history.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch

from accounts.models import Membership
from agreements.models import Acceptance, Version
from checkins.models import Answer, CheckIn
from together.models import Answer as QuestionAnswer
from together.models import Question
from triggers.models import Reassurance, Trigger

WEEKS_PER_PAGE = 12
TRIGGERS_PER_PAGE = 20
VERSIONS_PER_PAGE = 5
QUESTIONS_PER_PAGE = 20


@dataclass(frozen=True)
class ArchivedWeek:
    checkin: CheckIn
    mine: Answer | None
    theirs: Answer | None

    @property
    def partner_answer_erased(self) -> bool:
        """A revealed week whose partner answer went with their deleted account."""
        return self.checkin.is_revealed and self.theirs is None


def checkin_weeks(membership: Membership, page_number) -> tuple[Page, list[ArchivedWeek]]:
    """The weeks in which the person has an answer they may see, newest first: their
    own (shared or not), and the partner's only where the week was revealed."""
    visible = Answer.objects.visible_to(membership)
    weeks = CheckIn.objects.filter(couple_id=membership.couple_id).filter(
        Exists(visible.filter(checkin=OuterRef("pk")))
    )
    page = Paginator(weeks.order_by("-week_start"), WEEKS_PER_PAGE).get_page(page_number)
    answers = visible.filter(checkin__in=[checkin.pk for checkin in page])
    by_week: dict[int, dict[bool, Answer]] = {}
    for answer in answers:
        by_week.setdefault(answer.checkin_id, {})[answer.author_id == membership.user_id] = answer
    return page, [
        ArchivedWeek(
            checkin,
            by_week.get(checkin.pk, {}).get(True),
            by_week.get(checkin.pk, {}).get(False),
        )
        for checkin in page
    ]


def triggers(membership: Membership, page_number) -> Page:
    """The person's own entries, and those the partner shared, with their reassurances."""
    entries = (
        Trigger.objects.visible_to(membership)
        .prefetch_related(Prefetch("reassurances", queryset=Reassurance.objects.order_by("pk")))
        .order_by("-occurred_at", "-pk")
    )
    return Paginator(entries, TRIGGERS_PER_PAGE).get_page(page_number)


def agreement_versions(membership: Membership, page_number) -> Page:
    """Every version of the agreement that took effect (both partners' words), with
    who accepted it. A deleted partner's name is gone: "a former member"."""
    versions = (
        Version.objects.filter(agreement__couple_id=membership.couple_id, number__isnull=False)
        .prefetch_related(
            Prefetch("acceptances", queryset=Acceptance.objects.order_by("accepted_at"))
        )
        .order_by("-number")
    )
    return Paginator(versions, VERSIONS_PER_PAGE).get_page(page_number)


def questions(membership: Membership, page_number) -> Page:
    """The couple's questions (both partners saw them all) with their latest answer."""
    asked = (
        Question.objects.filter(couple_id=membership.couple_id)
        .prefetch_related(
            Prefetch("answers", queryset=QuestionAnswer.objects.order_by("created_at", "pk"))
        )
        .order_by("-asked_at", "-pk")
    )
    page = Paginator(asked, QUESTIONS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    for question in page.object_list:
        revisions = question.answers.all()
        question.latest_answer = revisions[len(revisions) - 1] if revisions else None
    return page
