"""The therapist's list of couples: what each summary says, the flags, sorting and
paging, and the same number of queries for 5 couples as for 200 with a year of
history each."""

import re
from datetime import UTC, datetime, timedelta
from http import HTTPStatus

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import SafetyCheck
from checkins import weeks
from checkins.models import CheckIn
from pacing.models import PacingPolicy, gate_for
from therapists.dashboard import PAGE_SIZE, Flag, add_trends, couples_of
from therapists.models import AuditAction, AuditEntry, CsiResponse
from triggers.models import Sharing

from ..conftest import client_for
from ..factories import make_couple, make_user
from .builders import (
    agreement_in_force,
    kept_week,
    link,
    membership_of,
    readiness,
    trigger,
)
from .history import build_couples

NOW = datetime(2026, 11, 18, 10, tzinfo=UTC)  # a Wednesday
DASHBOARD_MAX_QUERIES = 20


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def dashboard_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("therapists:dashboard"))
    assert response.status_code == HTTPStatus.OK
    return len(queries), response.text


def test_the_same_number_of_queries_for_5_and_200_couples_with_a_year_of_history(dr_lee, frozen):
    client = client_for(dr_lee)
    client.get(reverse("therapists:setup"))  # the first request also sets up the session
    build_couples(dr_lee, range(5), NOW)
    few, page = dashboard_queries(client)
    assert page.count("Sharing with you since") == 5

    build_couples(dr_lee, range(5, 200), NOW)
    many, page = dashboard_queries(client)

    assert page.count("Sharing with you since") == PAGE_SIZE
    assert "200 couples share their progress with you." in page
    assert many == few <= DASHBOARD_MAX_QUERIES
    # Each view records the couples it showed.
    assert AuditEntry.objects.filter(action=AuditAction.VIEW_DASHBOARD).count() == 5 + PAGE_SIZE
    assert CheckIn.objects.count() > 200 * 40  # a year of weekly history each


def test_the_bulk_gate_agrees_with_the_gate_of_each_couple(dr_lee, frozen):
    couples = build_couples(dr_lee, range(12), NOW)
    PacingPolicy.objects.create(couple=couples[3], therapist_ceiling=1)

    summaries = {s.couple_id: s for s in couples_of(dr_lee, timezone.now())}

    assert {pk: s.tier for pk, s in summaries.items()} == {
        couple.pk: gate_for(couple).tier for couple in couples
    }


THIS_WEEK = weeks.week_start_for(NOW, UTC)  # Monday 16 November 2026


def ago(days: float):
    return NOW - timedelta(days=days)


@pytest.fixture
def shared(frozen, dr_lee, hurt, involved, couple):
    couple.created_at = ago(200)
    couple.save(update_fields=["created_at"])
    link(couple, dr_lee, hurt, involved)
    return couple


def summary_of(dr_lee):
    summaries = couples_of(dr_lee, timezone.now())
    add_trends(summaries, timezone.now())
    return {s.couple_id: s for s in summaries}


def week(back: int):
    return THIS_WEEK - weeks.WEEK * back


def test_a_summary_counts_only_what_the_therapist_may_see(shared, hurt, involved, dr_lee):
    for back, safety in [(1, 7), (2, 6), (6, 5), (10, 4), (20, 2)]:
        kept_week(shared, week(back), {hurt: (safety, 5, 6, 7), involved: (8, 7, 6, 5)})
    sealed = CheckIn.objects.create(couple=shared, week_start=week(0))
    sealed.answers.create(author=hurt, safety=0, trust=0, connection=0, hope=0, submitted_at=NOW)
    for days in (2, 5, 9):
        trigger(shared, hurt, ago(days), 8)
    trigger(shared, hurt, ago(3), 10, sharing=Sharing.PRIVATE)
    trigger(shared, hurt, ago(4), 10, sharing=Sharing.AT_CHECKIN)  # not yet brought
    for days in (20, 30):
        trigger(shared, hurt, ago(days), 4)
    answers = {"happiness": 2, "warmth": 2, "rewarding": 2, "satisfaction": 3}
    CsiResponse.record(membership_of(hurt), answers, ago(40))
    CsiResponse.record(membership_of(hurt), {**answers, "satisfaction": 4}, ago(2))

    summary = summary_of(dr_lee)[shared.pk]

    assert (summary.kept_short, summary.kept_long) == (2, 4)
    sam, alex = summary.partners
    assert [r.latest for r in sam.ratings] == [7, 5, 6]
    assert sam.ratings[0].spark.values == [4, 5, 6, 7]  # weeks 10, 6, 2, 1 ago; never 0
    assert [r.latest for r in alex.ratings] == [8, 7, 6]
    assert summary.triggers_recent == 3
    assert summary.intensity_recent == 8
    assert summary.intensity_before == 4
    assert (sam.csi_total, alex.csi_total) == (10, None)
    assert Flag.TRIGGERS_RISING in summary.flags
    assert Flag.NO_CHECKIN not in summary.flags


def test_the_summary_reads_the_agreement_and_the_pace(shared, hurt, involved, dr_lee):
    agreement = agreement_in_force(shared, ago(40), hurt, involved)
    agreement.versions.create(proposed_by=involved, based_on=agreement.current_version)
    for days, value in [(30, 6), (23, 6), (16, 6), (3, 2)]:
        readiness(shared, hurt, ago(days), value)
    PacingPolicy.objects.create(couple=shared, therapist_ceiling=3)

    summary = summary_of(dr_lee)[shared.pk]

    status = summary.agreement
    assert (status.current_number, status.open_proposal) == (1, True)
    assert status.next_review == ago(10)
    assert status.review_overdue
    assert (summary.tier, summary.ceiling) == (0, 3)
    assert Flag.REVIEW_OVERDUE in summary.flags
    assert Flag.READINESS_DROPPED in summary.flags


def no_checkin(couple, hurt, involved):
    kept_week(couple, week(3), {hurt: (5, 5, 5, 5), involved: (5, 5, 5, 5)})


def rising(couple, hurt, involved):
    trigger(couple, hurt, ago(2), 7)
    trigger(couple, hurt, ago(20), 5)


def review_overdue(couple, hurt, involved):
    agreement_in_force(couple, ago(38), hurt, involved)


def review_due_within_grace(couple, hurt, involved):
    agreement_in_force(couple, ago(33), hurt, involved)


def readiness_dropped(couple, hurt, involved):
    for days, value in [(30, 6), (23, 6), (9, 2)]:
        readiness(couple, hurt, ago(days), value)


def ceiling_lowered(couple, hurt, involved):
    for days in (30, 23):
        readiness(couple, hurt, ago(days), 6)
    PacingPolicy.objects.create(couple=couple, therapist_ceiling=0)


def safety_shared(couple, hurt, involved):
    SafetyCheck.objects.create(user=involved, afraid="yes", share_with_therapist=True)


def safety_not_shared(couple, hurt, involved):
    SafetyCheck.objects.create(user=involved, afraid="yes", share_with_therapist=False)


def steady(couple, hurt, involved):
    trigger(couple, hurt, ago(2), 5)
    trigger(couple, hurt, ago(20), 5)
    agreement_in_force(couple, ago(10), hurt, involved)


FLAG_TABLE = {
    "nothing worrying": (steady, []),
    "last check-in three weeks ago": (no_checkin, [Flag.NO_CHECKIN]),
    "intensity up by two": (rising, [Flag.TRIGGERS_RISING]),
    "review a week past due": (review_overdue, [Flag.REVIEW_OVERDUE]),
    "review due, within a week": (review_due_within_grace, []),
    "readiness lowered the tier": (readiness_dropped, [Flag.READINESS_DROPPED]),
    "the therapist's own ceiling is not a drop": (ceiling_lowered, []),
    "safety concern shared": (safety_shared, [Flag.SAFETY_SHARED]),
    "safety answer kept private": (safety_not_shared, []),
}


@pytest.mark.parametrize("case", FLAG_TABLE)
def test_flags(shared, hurt, involved, dr_lee, case):
    arrange, expected = FLAG_TABLE[case]
    if arrange is not no_checkin:
        kept_week(shared, week(1), {hurt: (5, 5, 5, 5), involved: (5, 5, 5, 5)})
    arrange(shared, hurt, involved)

    assert summary_of(dr_lee)[shared.pk].flags == expected


@pytest.mark.parametrize("case", FLAG_TABLE)
def test_flags_are_the_same_when_the_list_was_seen_before_the_writes(
    shared, hurt, involved, dr_lee, case
):
    """The figures behind the flags are kept in the cache: every write they come from
    replaces them, so the flags after the writes are those of a list never seen."""
    arrange, expected = FLAG_TABLE[case]
    if arrange is not no_checkin:
        kept_week(shared, week(1), {hurt: (5, 5, 5, 5), involved: (5, 5, 5, 5)})
    before = summary_of(dr_lee)[shared.pk]  # seen once, figures kept

    arrange(shared, hurt, involved)

    assert summary_of(dr_lee)[shared.pk].flags == expected
    if expected and arrange is not no_checkin:  # without any check-in, flagged already
        assert before.flags != expected


def test_flags_follow_the_time_without_any_write(shared, hurt, involved, dr_lee):
    shared.memberships.update(joined_at=ago(200))
    kept_week(shared, week(1), {hurt: (5, 5, 5, 5), involved: (5, 5, 5, 5)})
    trigger(shared, hurt, ago(13), 9)
    trigger(shared, hurt, ago(20), 5)
    for days, value in [(40, 6), (33, 6), (13, 2)]:
        readiness(shared, hurt, ago(days), value)
    SafetyCheck.objects.create(
        user=involved, afraid="sometimes", share_with_therapist=True, answered_at=ago(29)
    )
    agreement_in_force(shared, ago(36), hurt, involved)
    seen = summary_of(dr_lee)[shared.pk]
    assert seen.flags == [
        Flag.SAFETY_SHARED,
        Flag.TRIGGERS_RISING,
        Flag.READINESS_DROPPED,
    ]

    # Two days on: the strong trigger and the low report are over two weeks old, the
    # shared answer over a month, the review a week past due, and no check-in since.
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        later = summary_of(dr_lee)[shared.pk]
        assert later.flags == [Flag.REVIEW_OVERDUE]
        assert (later.triggers_recent, later.intensity_recent) == (0, None)

    with time_machine.travel(NOW + timedelta(days=12), tick=False):
        assert summary_of(dr_lee)[shared.pk].flags == [Flag.NO_CHECKIN, Flag.REVIEW_OVERDUE]


def test_the_order_follows_writes_after_the_list_was_seen(dr_lee, frozen):
    first, *first_people = couple_named(dr_lee, "Ann", "Abe")
    kept_week(first, week(2), dict.fromkeys(first_people, (6, 6, 6, 6)))
    second, *second_people = couple_named(dr_lee, "Bea", "Ben")
    kept_week(second, week(3), dict.fromkeys(second_people, (6, 6, 6, 6)))  # flagged
    client = client_for(dr_lee)
    url = reverse("therapists:dashboard")

    def order(sort):
        page = client.get(url, {"sort": sort}).text
        return [name for name, _ in sorted(NAMES.items(), key=lambda item: page.index(item[1]))]

    NAMES = {"first": "Ann &amp; Abe", "second": "Bea &amp; Ben"}
    assert order("attention") == ["second", "first"]
    assert order("checkin") == ["second", "first"]
    assert order("name") == ["first", "second"]

    rising(first, *first_people)
    kept_week(second, week(1), dict.fromkeys(second_people, (6, 6, 6, 6)))
    renamed = second_people[0]
    renamed.display_name = "Aaron"
    renamed.save(update_fields=["display_name"])

    NAMES = {"first": "Ann &amp; Abe", "second": "Aaron &amp; Ben"}
    assert order("attention") == ["first", "second"]
    assert order("checkin") == ["first", "second"]
    assert order("name") == ["second", "first"]


def couple_named(dr_lee, first: str, second: str, created_days_ago: int = 100):
    hurt = make_user(f"{first.lower()}@example.test", first)
    involved = make_user(f"{second.lower()}@example.test", second)
    couple = make_couple(hurt, involved)
    couple.created_at = ago(created_days_ago)
    couple.save(update_fields=["created_at"])
    link(couple, dr_lee, hurt, involved)
    return couple, hurt, involved


def names_in_order(page: str, names: list[str]) -> list[str]:
    return sorted(names, key=page.index)


def test_sorting_needs_attention_first_by_default(dr_lee, frozen):
    calm, *calm_people = couple_named(dr_lee, "Ann", "Abe")
    kept_week(calm, week(1), dict.fromkeys(calm_people, (6, 6, 6, 6)))
    worried, *worried_people = couple_named(dr_lee, "Zoe", "Zed")
    rising(worried, *worried_people)  # and no check-in: two flags
    quiet, *quiet_people = couple_named(dr_lee, "Mia", "Max")
    kept_week(quiet, week(5), dict.fromkeys(quiet_people, (6, 6, 6, 6)))
    client = client_for(dr_lee)
    names = ["Ann &amp; Abe", "Zoe &amp; Zed", "Mia &amp; Max"]
    url = reverse("therapists:dashboard")

    assert names_in_order(client.get(url).text, names) == [names[1], names[2], names[0]]
    by_name = client.get(url, {"sort": "name"}).text
    assert names_in_order(by_name, names) == [names[0], names[2], names[1]]
    by_checkin = client.get(url, {"sort": "checkin"}).text
    assert names_in_order(by_checkin, names) == [names[1], names[2], names[0]]
    assert 'hx-get="?sort=name" hx-target="#couples"' in by_name
    assert 'hx-push-url="true" aria-current="true">Name</a>' in by_name


def test_the_sorted_list_comes_as_a_fragment_for_htmx_and_is_recorded(shared, dr_lee):
    response = client_for(dr_lee).get(
        reverse("therapists:dashboard"), {"sort": "name"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == HTTPStatus.OK
    assert "<html" not in response.text
    assert response.text.lstrip().startswith('<section id="couples"')
    assert "Sam &amp; Alex" in response.text
    assert AuditEntry.objects.filter(couple=shared, action=AuditAction.VIEW_DASHBOARD).count() == 1


def test_the_page_shows_the_summary_with_text_alternatives(shared, hurt, involved, dr_lee):
    for back, safety in [(1, 7), (2, 6)]:
        kept_week(shared, week(back), {hurt: (safety, 5, 6, 7), involved: (8, 7, 6, 5)})
    review_overdue(shared, hurt, involved)

    page = client_for(dr_lee).get(reverse("therapists:dashboard")).text

    assert "2 of the last 4 weeks · 2 of the last 12" in page
    assert "Version 1, since 11 Oct 2026" in page
    assert "Review overdue (due 10 Nov)" in page
    assert '<li class="flag">Review overdue</li>' in page
    assert 'aria-label="Safety, Sam, kept weeks of the last 12: 6, 7"' in page
    assert "0, Steadying" in page


# --- Paging: the order takes every couple into account, a page shows PAGE_SIZE ---------

NAME = re.compile(r'<a href="[^"]+" data-field="name">([^<]+)</a>')


def names_on(page: str) -> list[str]:
    return NAME.findall(page)


@pytest.fixture
def thirteen(dr_lee, frozen):
    """Couples "H0 &amp; I0" to "H12 &amp; I12", a month of history each."""
    return build_couples(dr_lee, range(PAGE_SIZE + 3), NOW, weeks_of_history=4)


def test_the_list_comes_a_page_at_a_time_in_the_order_chosen(dr_lee, thirteen):
    client = client_for(dr_lee)
    url = reverse("therapists:dashboard")

    first = client.get(url, {"sort": "name"}).text
    second = client.get(url, {"sort": "name", "page": "2"}).text

    everyone = sorted((f"H{n} &amp; I{n}" for n in range(PAGE_SIZE + 3)), key=str.casefold)
    assert names_on(first) == everyone[:PAGE_SIZE]
    assert names_on(second) == everyone[PAGE_SIZE:]
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    # The pages keep the order chosen, for links and for htmx alike.
    assert 'rel="next" href="?sort=name&amp;page=2" hx-get="?sort=name&amp;page=2"' in first
    assert 'rel="prev" href="?sort=name&amp;page=1" hx-get="?sort=name&amp;page=1"' in second
    assert 'rel="prev"' not in first and 'rel="next"' not in second
    assert "13 couples share their progress with you." in first


def test_needing_attention_first_looks_at_every_couple_not_only_one_page(dr_lee, frozen):
    for number in range(PAGE_SIZE + 2):
        calm, *calm_people = couple_named(dr_lee, f"Ann{number:02}", f"Abe{number:02}")
        kept_week(calm, week(1), dict.fromkeys(calm_people, (6, 6, 6, 6)))
    worried, zoe, zed = couple_named(dr_lee, "Zoe", "Zed")  # last by name
    kept_week(worried, week(1), {zoe: (6, 6, 6, 6), zed: (6, 6, 6, 6)})
    SafetyCheck.objects.create(user=zed, afraid="yes", share_with_therapist=True)
    client = client_for(dr_lee)

    by_name = client.get(reverse("therapists:dashboard"), {"sort": "name"}).text
    first = client.get(reverse("therapists:dashboard")).text

    assert "Zoe &amp; Zed" not in names_on(by_name)
    assert names_on(first)[0] == "Zoe &amp; Zed"
    assert "One may need your attention." in first


@pytest.mark.parametrize(("page", "shown"), [("two", "1"), ("", "1"), ("99", "2"), ("0", "2")])
def test_a_page_that_is_not_there_shows_the_first_or_the_last(dr_lee, thirteen, page, shown):
    # The one pager's rule (recovery/paging.py): not a number, the first; past the end
    # (an old link, a couple who has left since), the last.
    client = client_for(dr_lee)
    url = reverse("therapists:dashboard")

    response = client.get(url, {"sort": "name", "page": page})

    assert response.status_code == HTTPStatus.OK
    expected = client.get(url, {"sort": "name", "page": shown}).text
    assert names_on(response.text) == names_on(expected)


def test_a_page_change_comes_as_a_fragment_for_htmx(dr_lee, thirteen):
    response = client_for(dr_lee).get(
        reverse("therapists:dashboard"),
        {"sort": "name", "page": "2"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == HTTPStatus.OK
    assert response.text.lstrip().startswith('<section id="couples"')
    assert "<html" not in response.text
    assert len(names_on(response.text)) == 3
    assert 'hx-target="#couples" hx-swap="outerHTML show:top" hx-push-url="true"' in response.text


def test_a_single_page_has_no_page_links(shared, dr_lee):
    page = client_for(dr_lee).get(reverse("therapists:dashboard")).text

    assert "Sam &amp; Alex" in page
    assert "Page 1 of" not in page
    assert "One couple shares their progress with you." in page


def test_two_couples_with_the_same_names_are_told_apart(dr_lee, frozen):
    first, second = [], []
    for number, (bucket, started) in enumerate(
        [(first, NOW - timedelta(days=90)), (second, NOW - timedelta(days=20))]
    ):
        jordan = make_user(f"jordan{number}@example.test", "Jordan")
        casey = make_user(f"casey{number}@example.test", "Casey")
        couple = make_couple(jordan, casey)
        couple.created_at = started
        couple.save(update_fields=["created_at"])
        bucket.append(link(couple, dr_lee, jordan, casey))
    client = client_for(dr_lee)

    page = client.get(reverse("therapists:dashboard")).text
    assert '<span data-field="started">20 Aug 2026</span>' in page
    assert '<span data-field="started">29 Oct 2026</span>' in page

    response = client.post(
        reverse("therapists:set_label", args=[second[0].couple_id]), {"label": "Tuesdays, referral"}
    )
    assert response.status_code == HTTPStatus.FOUND
    page = client.get(reverse("therapists:dashboard")).text
    assert 'data-field="label">Tuesdays, referral</span>' in page
    # The start date stays beside the label.
    assert '<span data-field="started">29 Oct 2026</span>' in page
    # The label is the therapist's own: the partners never see it.
    jordan = second[0].couple.memberships.first().user
    assert (
        "Tuesdays, referral"
        not in client_for(jordan).get(reverse("therapists:couple_settings")).text
    )


def test_a_label_that_is_too_long_is_a_form_error(dr_lee, hurt, involved, couple, frozen):
    link(couple, dr_lee, hurt, involved)

    response = client_for(dr_lee).post(
        reverse("therapists:set_label", args=[couple.pk]), {"label": "x" * 61}
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Please keep the label under 60 characters." in response.text
