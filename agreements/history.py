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
from django.urls import reverse
from django.utils import timezone as tz
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

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

    @property
    def entries_html(self) -> SafeString:
        return entries_html(self.entries)


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
    return AgreementHistory(
        versions=version_page,
        entries=[
            Entry(
                version=version,
                proposer=people.get(version.proposed_by_id),
                acceptances=[(people.get(who), when) for who, when in accepted.get(version.pk, [])],
            )
            for version in listed
        ],
        reviews=review_page,
        review_list=review_list,
    )


def entries_html(entries: list[Entry]) -> SafeString:
    """The versions of a page as cards. Built here: with a template, the translations,
    dates and links of each card cost more than the rest of the page."""
    former = _("A former partner")
    proposed = _("Proposed by %(name)s on %(date)s.")
    accepted = _("Accepted by %(name)s on %(date)s")
    current = " · " + _("current version")
    why, declined = _("Why:"), _("Comment when declining:")
    not_yet, changed = _("Not accepted yet."), _("See what changed")
    version_url = url_maker("agreements:version", 999999999)
    compare_url = reverse("agreements:compare")
    statuses = {value: str(label) for value, label in Version.Status.choices}
    day, minute = _date_formats()

    def card(entry: Entry) -> SafeString:
        version = entry.version
        acceptances = format_html_join(
            "",
            "<li>{}</li>",
            (
                (accepted % {"name": who or former, "date": minute(at)},)
                for who, at in entry.acceptances
            ),
        ) or format_html('<li class="muted">{}</li>', not_yet)
        return format_html(
            '<article class="card history-item" data-version>'
            '<h3><a href="{}">{}</a></h3><p class="status-tag">{}{}</p><p>{}</p>{}{}'
            '<ul class="acceptances">{}</ul>{}</article>',
            version_url(version.pk),
            version.label,
            statuses[version.status],
            current if version.is_current else "",
            proposed % {"name": entry.proposer or former, "date": day(version.proposed_at)},
            _reason(why, version.reason),
            _reason(declined, version.decline_comment),
            acceptances,
            format_html(
                '<p class="no-print"><a href="{}?older={}&amp;newer={}">{}</a></p>',
                compare_url,
                version.based_on_id,
                version.pk,
                changed,
            )
            if version.based_on_id
            else "",
        )

    return format_html_join("", "{}", ((card(entry),) for entry in entries))


def _date_formats():
    """Local dates as the "j F Y" and "j F Y, H:i" date filters write them, with the
    month names translated once for the page rather than once for each date."""
    months = {number: str(name) for number, name in MONTHS.items()}
    zone = tz.get_current_timezone()

    def day(moment: datetime) -> str:
        local = moment.astimezone(zone)
        return f"{local.day} {months[local.month]} {local.year}"

    def minute(moment: datetime) -> str:
        local = moment.astimezone(zone)
        return f"{local.day} {months[local.month]} {local.year}, {local:%H:%M}"

    return day, minute


def _reason(label: str, text: str) -> SafeString | str:
    return format_html('<p class="reason"><strong>{}</strong> {}</p>', label, text) if text else ""
