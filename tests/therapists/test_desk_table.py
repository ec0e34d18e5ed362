"""The list of couples: one table row per couple, sorted by its column headers and
filtered by flag. The same table is every screen's: on a phone each row is laid out as a
card, every cell under the name it carries for that (`data-label`)."""

from collections import Counter
from http import HTTPStatus

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from practice.models import ForWhom, Outcome, Practice, PracticeMark
from therapists.dashboard import PAGE_SIZE, PHONE_SORTS, SORT_KEYS, Flag
from therapists.models import CsiResponse, TherapistLink

from ..chart_reader import parse
from ..conftest import client_for
from ..factories import make_couple, make_user
from .builders import kept_week, link, trigger
from .history import build_couples
from .test_dashboard import DASHBOARD_MAX_QUERIES, NOW, ago, couple_named, week

URL = reverse("therapists:dashboard")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def rows(page: str) -> list:
    return parse(page).find("table", "couple-table").find("tbody").find_all("tr")


def values_of(node) -> dict[str, object]:
    """What one row says, by field: the text, or for a rating its latest value and its
    trend line's text alternative. Empty fields are left out."""
    values = {}
    for field in (n for n in node.iter() if "data-field" in n.attrs):
        name = field.attrs["data-field"]
        if name.startswith("rating-"):
            svg = field.find("svg")
            values[name] = (field.find(cls="latest").text(), svg and svg.attrs["aria-label"])
        elif field.text():
            values[name] = field.text()
    return values


def names_in_table(page: str) -> list[str]:
    return [row.find("th").find("a").text() for row in rows(page)]


# Everything the desk's table and the phone's cards showed before they became one.
FIELDS = {
    "name",
    "started",
    "since",
    "checkin",
    "kept",
    "triggers",
    "agreement",
    "repairs",
    "tier",
    "csi",
    "practice",
}


def test_each_row_shows_every_field_of_its_couple_once(dr_lee, frozen):
    couples = build_couples(dr_lee, range(6), NOW, weeks_of_history=8)
    TherapistLink.objects.get(couple=couples[2]).set_label("Thursday evenings")

    page = client_for(dr_lee).get(URL).text

    table = {row.attrs["data-couple"]: values_of(row) for row in rows(page)}
    assert len(table) == 6
    for row in rows(page):
        fields = Counter(n.attrs["data-field"] for n in row.iter() if "data-field" in n.attrs)
        assert set(fields.values()) == {1}, fields
    for values in table.values():
        assert set(values) >= FIELDS
        assert sum(name.startswith("rating-") for name in values) == 6  # 3 each
        assert values["kept"].startswith("Checked in ")
        assert values["since"].startswith("Sharing with you since ")
    assert table[str(couples[2].pk)]["label"] == "Thursday evenings"
    assert any("of 4 marked" in values["practice"] for values in table.values())
    # Each trend line is drawn once, never again by reference.
    assert "<use" not in page
    ratings = [value for v in table.values() for k, value in v.items() if k.startswith("rating-")]
    assert page.count('<svg class="spark"') == sum(bool(line) for _, line in ratings) > 0


HEADERS = [
    "Couple",
    "Flags",
    "Started",
    "Last check-in",
    "Ratings, last 12 weeks",
    "Shared triggers",
    "Agreement",
    "Repairs, last 12 weeks",
    "Open tier",
    "CSI-4",
    "Practice",
]
# The cells' names on a phone, where the headers are out of sight: the cards' words.
PHONE_LABELS = [
    "Needs attention",
    "Started",
    "Last check-in",
    "Latest check-in ratings (0 to 10), with the last 12 weeks",
    "Shared triggers, last 14 days",
    "Agreement",
    "Repairs, last 12 weeks",
    "Open tier",
    "Latest CSI-4 (0 to 21)",
    "Practice, last 4 weeks",
]


def test_every_cell_carries_its_column_name_and_the_table_its_roles(dr_lee, three):
    page = client_for(dr_lee).get(URL).text

    table = parse(page).find("table", "couple-table")
    assert table.attrs["role"] == "table"
    assert table.find("thead").attrs["role"] == table.find("tbody").attrs["role"] == "rowgroup"
    headers = table.find("thead").find_all("th")
    assert [th.text() for th in headers] == HEADERS
    assert {(th.attrs["role"], th.attrs["scope"]) for th in headers} == {("columnheader", "col")}
    for row in rows(page):
        assert row.attrs["role"] == "row"
        (name,) = row.find_all("th")
        assert (name.attrs["role"], name.attrs["scope"]) == ("rowheader", "row")
        cells = row.find_all("td")
        assert {cell.attrs["role"] for cell in cells} == {"cell"}
        assert [cell.attrs["data-label"] for cell in cells] == PHONE_LABELS


def test_the_same_number_of_queries_for_5_and_200_couples_sorted_and_filtered(dr_lee, frozen):
    client = client_for(dr_lee)
    client.get(reverse("therapists:setup"))  # the first request also sets up the session
    sorted_url = f"{URL}?sort=-practice"
    build_couples(dr_lee, range(5), NOW, weeks_of_history=12)
    # A flag some of the first five couples carry (their histories differ).
    flags = [
        a for a in parse(client.get(URL).text).find_all("a") if "flag-" in a.attrs.get("id", "")
    ]
    filtered_url = URL + flags[-1].attrs["href"] + "&sort=csi"
    few = [dashboard_queries_at(client, url) for url in (sorted_url, filtered_url)]

    build_couples(dr_lee, range(5, 200), NOW, weeks_of_history=12)
    many = [dashboard_queries_at(client, url) for url in (sorted_url, filtered_url)]

    assert many == few
    assert max(many) <= DASHBOARD_MAX_QUERIES
    assert len(rows(client.get(sorted_url).text)) == PAGE_SIZE


def dashboard_queries_at(client, url) -> int:
    """Queries of a visit with nothing in the cache: every figure worked out."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries)


# --- Sorting by each column, both ways -----------------------------------------------


def practice(couple, back: int, marks: dict):
    done = Practice.objects.create(
        couple=couple, text="A walk.", due_week=week(back), for_whom=ForWhom.BOTH
    )
    for person, outcome in marks.items():
        PracticeMark.objects.create(practice=done, person=person, outcome=outcome)


def csi(couple, person, total_of_four: tuple[int, int, int, int]):
    happiness, warmth, rewarding, satisfaction = total_of_four
    CsiResponse.objects.create(
        couple=couple,
        partner=person,
        period="2026-11",
        happiness=happiness,
        warmth=warmth,
        rewarding=rewarding,
        satisfaction=satisfaction,
        total=sum(total_of_four),
    )


@pytest.fixture
def three(dr_lee, frozen):
    """Ann & Abe, Bea & Bo, Cy & Cal, each first or last in some column."""
    ann, *ann_people = couple_named(dr_lee, "Ann", "Abe", created_days_ago=300)
    kept_week(ann, week(1), dict.fromkeys(ann_people, (6, 6, 6, 6)))
    csi(ann, ann_people[0], (5, 4, 3, 3))  # 15
    practice(ann, 1, dict.fromkeys(ann_people, Outcome.DONE))  # all marked

    bea, *bea_people = couple_named(dr_lee, "Bea", "Bo", created_days_ago=100)
    for hours in (2, 30, 50):
        trigger(bea, bea_people[0], ago(hours / 24), 6)
    csi(bea, bea_people[1], (2, 2, 2, 2))  # 8
    practice(bea, 0, {})  # none marked yet

    cy, *cy_people = couple_named(dr_lee, "Cy", "Cal", created_days_ago=200)
    kept_week(cy, week(3), dict.fromkeys(cy_people, (6, 6, 6, 6)))
    trigger(cy, cy_people[1], ago(3), 4)
    return ann, bea, cy


A, B, C = "Ann & Abe", "Bea & Bo", "Cy & Cal"
ASCENDING = {
    "name": [A, B, C],
    "started": [A, C, B],
    "checkin": [B, C, A],  # never checked in first, then the longest ago
    "triggers": [A, C, B],
    "tier": [A, B, C],  # all tie: by name
    "csi": [B, A, C],  # not answered last
    "flags": [A, B, C],  # Bea and Cy have no check-in for two weeks
    "practice": [C, B, A],  # none asked for, none marked, all marked
}
DESCENDING = {
    "name": [C, B, A],
    "started": [B, C, A],
    "checkin": [A, C, B],
    "triggers": [B, C, A],
    "tier": [A, B, C],
    "csi": [C, A, B],
    "flags": [B, C, A],  # ties stay in order of names
    "practice": [A, B, C],
}


def test_every_column_has_both_orders_in_the_tables():
    assert set(ASCENDING) == set(DESCENDING) == set(SORT_KEYS)


@pytest.mark.parametrize("column", list(SORT_KEYS))
def test_each_column_sorts_both_ways(dr_lee, three, column):
    client = client_for(dr_lee)

    up = client.get(URL, {"sort": column}).text
    down = client.get(URL, {"sort": f"-{column}"}).text

    assert names_in_table(up) == ASCENDING[column]
    assert names_in_table(down) == DESCENDING[column]
    # The header says how the list is sorted, and its link turns the order around.
    header = parse(up).find("th", f"col-{column}")
    assert header.attrs["aria-sort"] == "ascending"
    assert header.find("a").attrs["href"] == f"?sort=-{column}"
    header = parse(down).find("th", f"col-{column}")
    assert header.attrs["aria-sort"] == "descending"
    assert header.find("a").attrs["href"] == f"?sort={column}"
    others = [th for th in parse(up).find("thead").find_all("th") if th is not header]
    assert sum("aria-sort" in th.attrs for th in others) == 1  # only the sorted one


def test_the_default_order_is_needing_attention_first_and_an_unknown_order_is_that_too(
    dr_lee, three
):
    client = client_for(dr_lee)

    default = client.get(URL).text

    assert names_in_table(default) == DESCENDING["flags"]
    assert parse(default).find("th", "col-flags").attrs["aria-sort"] == "descending"
    for odd in ("attention", "nonsense", "-", "--name"):
        assert names_in_table(client.get(URL, {"sort": odd}).text) == DESCENDING["flags"]


def test_the_phone_sort_links_order_the_same_table(dr_lee, three):
    client = client_for(dr_lee)
    links = {
        a.attrs["id"]: a.attrs["href"]
        for a in parse(client.get(URL).text).find("nav", "phone-only").find_all("a")
    }
    expected = {
        "-flags": DESCENDING["flags"],
        "name": ASCENDING["name"],
        "checkin": ASCENDING["checkin"],
    }
    assert set(links) == {f"sort-{key}" for key in PHONE_SORTS} == {f"sort-{k}" for k in expected}

    for key, names in expected.items():
        assert names_in_table(client.get(URL + links[f"sort-{key}"]).text) == names


# --- Filtering by flag -----------------------------------------------------------------


def test_a_flag_filter_shows_only_the_couples_with_it_in_the_order_chosen(dr_lee, three):
    client = client_for(dr_lee)

    page = client.get(URL, {"flag": Flag.NO_CHECKIN.value, "sort": "-name"}).text

    assert names_in_table(page) == [C, B]
    assert "3 couples share their progress with you." in page
    assert "Showing the 2 with “No check-in for 2 weeks”." in page
    chosen = next(a for a in parse(page).find_all("a") if a.attrs.get("id") == "flag-no_checkin")
    assert chosen.attrs.get("aria-current") == "true"
    assert chosen.text() == "No check-in for 2 weeks (2)"
    # Sorting keeps the filter, and the filter keeps the order.
    header = parse(page).find("th", "col-started").find("a")
    assert header.attrs["href"] == "?flag=no_checkin&sort=started"
    everyone = next(a for a in parse(page).find_all("a") if a.attrs.get("id") == "flag-all")
    assert everyone.attrs["href"] == "?sort=-name"


def test_a_flag_nobody_has_or_no_flag_at_all(dr_lee, three):
    client = client_for(dr_lee)

    nobody = client.get(URL, {"flag": Flag.SAFETY_SHARED.value})
    unknown = client.get(URL, {"flag": "<script>"})

    assert nobody.status_code == unknown.status_code == HTTPStatus.OK
    assert "No couple has this flag now." in nobody.text
    assert "couple-table" not in nobody.text
    assert names_in_table(unknown.text) == DESCENDING["flags"]
    assert "<script>" not in unknown.text


def test_a_filtered_list_comes_as_a_fragment_for_htmx(dr_lee, three):
    response = client_for(dr_lee).get(
        URL, {"flag": Flag.NO_CHECKIN.value}, headers={"HX-Request": "true"}
    )

    assert response.text.lstrip().startswith('<section id="couples"')
    assert "<html" not in response.text
    assert names_in_table(response.text) == [B, C]


# --- The label is the therapist's own --------------------------------------------------


def test_the_label_is_seen_by_its_therapist_only(dr_lee, frozen):
    jordan = make_user("jordan@example.test", "Jordan")
    casey = make_user("casey@example.test", "Casey")
    couple = make_couple(jordan, casey)
    first = link(couple, dr_lee, jordan, casey)
    client_for(dr_lee).post(
        reverse("therapists:set_label", args=[couple.pk]), {"label": "Referred by Dr Ames"}
    )
    assert "Referred by Dr Ames" in client_for(dr_lee).get(URL).text

    first.end(jordan)
    other = make_user("dr.park@example.test", "Dr. Park", is_therapist=True)
    link(couple, other, jordan, casey)

    assert "Referred by Dr Ames" not in client_for(other).get(URL).text
    assert (
        "Referred by Dr Ames"
        not in client_for(other).get(reverse("therapists:couple_detail", args=[couple.pk])).text
    )
    for partner in (jordan, casey):
        for page in ("therapists:couple_settings", "home", "notices:inbox"):
            assert "Referred by Dr Ames" not in client_for(partner).get(reverse(page)).text
