"""The agreement's history as a page: every version and review in brief, a page at a
time. A version's full text and its changes are on its own page and the compare page.

Three queries whatever the length of the history (four when reviews are shown): each
list's page with its total counted in the same query, and the page's acceptances.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.core.paginator import Page
from django.db.models import BooleanField, ExpressionWrapper, F, Q

from accounts.access import couple_people
from accounts.models import Membership, User
from recovery.links import url_maker
from recovery.paging import page_of

from .models import Acceptance, Review, Version

VERSIONS_PER_PAGE = 10
REVIEWS_PER_PAGE = 6


@dataclass(frozen=True)
class Entry:
    version: Version
    proposer: User | None  # None once their account is deleted
    acceptances: list[tuple[User | None, datetime]]  # oldest first
    url: str  # the version's own page


@dataclass(frozen=True)
class AgreementHistory:
    versions: Page  # the page of versions and proposals, newest first
    entries: list[Entry]  # what that page shows
    reviews: Page  # the page of completed reviews, newest first
    review_list: list[Review]  # what that page shows

    def link(self, *, page: int | None = None, reviews: int | None = None) -> str:
        """A query string that keeps the other list's page as it is."""
        numbers = {
            "page": self.versions.number if page is None else page,
            "reviews": self.reviews.number if reviews is None else reviews,
        }
        return "?" + urlencode({key: number for key, number in numbers.items() if number > 1})

    @property
    def newer_versions(self) -> str:
        return self.link(page=self.versions.number - 1) + "#versions-heading"

    @property
    def older_versions(self) -> str:
        return self.link(page=self.versions.number + 1) + "#versions-heading"

    @property
    def newer_reviews(self) -> str:
        return self.link(reviews=self.reviews.number - 1) + "#reviews-heading"

    @property
    def older_reviews(self) -> str:
        return self.link(reviews=self.reviews.number + 1) + "#reviews-heading"


def people_of(membership: Membership, ids: set) -> dict[int, User]:
    """Users by id. Both partners came with the membership: someone who has left the
    couple since is read only when one of their versions is on the page."""
    people = couple_people(membership)
    missing = ids - people.keys() - {None}
    if missing:
        people |= User.objects.in_bulk(missing)
    return people


def history_for(membership: Membership, page: str | None, reviews: str | None) -> AgreementHistory:
    versions = Version.objects.filter(agreement__couple=membership.couple).summaries()
    current = Q(agreement__current_version=F("pk"))
    versions = versions.annotate(is_current=ExpressionWrapper(current, BooleanField()))
    version_page = page_of(versions, page, VERSIONS_PER_PAGE)
    listed = version_page.object_list
    accepted = {}
    if listed:
        for version_id, partner_id, when in (
            Acceptance.objects.filter(version_id__in=[version.pk for version in listed])
            .order_by("accepted_at")
            .values_list("version_id", "partner_id", "accepted_at")
        ):
            accepted.setdefault(version_id, []).append((partner_id, when))
    ids = {version.proposed_by_id for version in listed}
    ids.update(who for rows in accepted.values() for who, _when in rows)
    people = people_of(membership, ids)
    completed = Review.objects.filter(agreement__couple=membership.couple).completed()
    review_page = page_of(completed, reviews, REVIEWS_PER_PAGE)
    review_list = review_page.object_list
    version_url = url_maker("agreements:version", 999999999)
    return AgreementHistory(
        versions=version_page,
        entries=[
            Entry(
                version=version,
                proposer=people.get(version.proposed_by_id),
                acceptances=[(people.get(who), when) for who, when in accepted.get(version.pk, [])],
                url=version_url(version.pk),
            )
            for version in listed
        ],
        reviews=review_page,
        review_list=review_list,
    )
