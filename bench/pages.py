"""The pages the benchmark loads, and who looks at them."""

from typing import NamedTuple

from bench.people import email_for


class Page(NamedTuple):
    name: str
    path: str
    viewer: str  # "couple" (a hurt partner) or "therapist"


BASELINE = Page("baseline (bare Django)", "/bench/baseline/", "couple")
PAGES = [
    Page("couple home", "/", "couple"),
    Page("current check-in", "/checkins/", "couple"),
    Page("check-in history", "/checkins/history/", "couple"),
    Page("trigger patterns", "/triggers/patterns/", "couple"),
    Page("agreement history", "/agreement/history/", "couple"),
    Page("exercises", "/exercises/", "couple"),
    Page("therapist dashboard", "/therapists/couples/", "therapist"),
]
VIEWERS = {"couple": email_for("hurt", 1), "therapist": email_for("therapist", 1)}

# Worker and database CPU ms per request, one request at a time (`python -m bench.cpu`),
# as recorded in the README's Performance section: the target each page is held to.
RECORDED_CPU_MS: dict[str, tuple[float, float]] = {}
