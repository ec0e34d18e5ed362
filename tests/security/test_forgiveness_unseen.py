"""The forgiveness space is the hurt partner's alone: the involved partner and the
therapist never learn that it exists. Not its words (the leak canaries cover those)
and not its existence: no page, htmx fragment, form answer, export, navigation item,
count or notice of theirs says "forgiveness" or links to the space, while Sam has
reflections and a private draft there. The one exception is a message Sam chose to
share, which Alex reads on its own page."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from accounts.access import active_membership
from forgiveness.models import Message, Prompt
from home import data_rights
from notices.models import Notice

from ..conftest import client_for
from .routes import case_keys, case_url
from .test_leak_canaries import fetches

# Everyone who must not learn the space exists (Robin, the outsider, is the hurt
# partner of his own couple: the space is his too; staff have the admin).
UNAWARE = ("partner", "therapist", "revoked", "unlinked")
# What only the space says: its address, its names and its prompts. (The gentle-language
# hints speak of forgiveness in general, on everyone's pages: that is not the space.)
WORDS = (
    "/forgiveness/",
    "forgiveness, for you",
    "forgiveness, on your terms",
    "on forgiveness",
    "about forgiveness",
    *(str(prompt.label).lower() for prompt in Prompt if prompt != Prompt.OWN_WORDS),
)


def mentions(text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in WORDS if word in lowered]


def test_the_check_would_notice(world, db):
    """Sam's own pages do say it: the words looked for are the right ones."""
    page = client_for(world.people["sam"]).get(reverse("forgiveness:space"))

    assert page.status_code == HTTPStatus.OK
    assert set(mentions(page.text)) >= set(WORDS) - {"on forgiveness"}  # the export's
    home = client_for(world.people["sam"]).get(reverse("home")).text
    assert reverse("forgiveness:space") in home  # her navigation has the space


@pytest.mark.parametrize("actor", UNAWARE)
def test_nobody_else_learns_the_space_exists(world, db, actor):
    shared = reverse("forgiveness:message", args=[world.ids["forgiveness_shared"]])
    seen, fetched = [], 0
    for what, text in fetches(world, actor):
        fetched += 1
        if actor == "partner" and what.split()[1].split("?")[0] == shared:
            continue  # the message Sam chose to share with Alex
        if found := mentions(text):
            seen.append(f"{what}: {found}")

    assert fetched > 100
    assert not seen, "The forgiveness space showed itself:\n" + "\n".join(seen)


def test_the_involved_partners_export_has_no_trace_of_it(world, db):
    sam, alex = world.people["sam"], world.people["alex"]

    alexs = data_rights.collect(alex)
    sams = data_rights.collect(sam)

    assert not [s.key for s in alexs if "forgiveness" in s.key]
    assert not mentions(str(data_rights.as_json(alex, alexs)))
    assert {s.key for s in sams} >= {"forgiveness_reflections", "forgiveness_messages"}


def test_a_notice_of_a_shared_message_names_the_kind_never_its_words(world, db):
    draft = Message.objects.get(pk=world.ids["forgiveness_draft"])

    assert draft.share(active_membership(world.people["sam"]))

    notice = Notice.objects.get(recipient=world.people["alex"], kind="forgiveness_shared")
    assert notice.path == draft.path
    inbox = client_for(world.people["alex"]).get(reverse("notices:inbox")).text
    assert "about forgiveness" in inbox
    assert not [marker for marker in world.markers if marker in inbox]


def test_the_involved_partner_has_no_url_to_ask_for_forgiveness(world, db):
    """Over every URL and method: whatever concerns forgiveness is a 404 for Alex, but
    reading the one message Sam shared, which he cannot change (403). No other page of
    his links or posts to the space (the test above)."""
    shared = reverse("forgiveness:message", args=[world.ids["forgiveness_shared"]])
    allowed = {("GET", shared): 200, ("POST", shared): 403}
    wrong = []
    for key in case_keys():
        route, url = case_url(world, key)
        if "forgiv" not in route.route and "forgiv" not in (route.name or ""):
            continue
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            got = world.request("partner", method, url).status_code
            expected = allowed.get((method, url), 405 if url == shared else 404)
            if got != expected:
                wrong.append(f"{method} {url}: {got}, expected {expected}")
    assert not wrong
