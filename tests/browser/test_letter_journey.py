"""The acknowledgement letter in three browsers: Alex drafts it in steps (saved as he
types, a gentle hint where a word minimises), asks Dr. Lee to read it first; Dr. Lee
comments; Alex reads the comment and marks it ready. Sam chooses to receive it at
their next session, days pass, then "now": Sam reads it and answers privately. Alex
sees "received", and never Sam's choice or answer."""

from datetime import timedelta

import pytest

from acknowledgement.models import Letter, LetterReply

from ..factories import make_couple, make_user
from ..therapists.builders import link, make_profile
from .nav import nav_link
from .test_accessibility import log_in as demo_log_in
from .test_accessibility import scan
from .test_notices import log_in, open_from_the_inbox
from .test_therapists import log_in as therapist_log_in

pytestmark = pytest.mark.django_db(transaction=True)

STEPS = {
    "What I did": "I had an affair for eight months and lied to you about it.",
    "The impact it had on you, as I understand it": "You stopped trusting what you saw.",
    "What I own": "Every lie was my choice.",
    "What I am changing": "My phone is open to you, and I see my own therapist weekly.",
    "What I am not asking of you": "I am not asking you to forgive me or to answer.",
}
COMMENT = "Stay with the impact a little longer before moving on."
ANSWER = "I read it twice. I am keeping this to myself for now."


def test_a_letter_from_draft_to_received_with_a_private_answer(new_page, server_clock, settings):
    settings.THERAPIST_MFA_REQUIRED = False
    sam_user = make_user("sam@example.test", "Sam")
    alex_user = make_user("alex@example.test", "Alex")
    lee = make_user("dr.lee@example.test", "Dr. Lee", is_therapist=True)
    make_profile(lee)
    couple = make_couple(sam_user, alex_user)
    link(couple, lee, sam_user, alex_user)
    sam, alex, dr_lee = new_page(), new_page(), new_page()
    log_in(sam, "sam@example.test", "Sam")
    log_in(alex, "alex@example.test", "Alex")

    # Alex writes, step by step; every word is saved as he types.
    nav_link(alex, "The letter").click()
    alex.get_by_role("link", name="Begin your letter").click()
    alex.wait_for_load_state()
    what = alex.get_by_label("What I did")
    what.press_sequentially("It was just a fling.")
    alex.locator(".gentle-hint").get_by_text("A gentle thought:").wait_for()
    for label, text in STEPS.items():
        alex.get_by_label(label, exact=True).fill(text)
    alex.get_by_text("Draft saved at").wait_for()
    alex.wait_for_function("() => document.querySelector('#id_not_asking').value.length > 0")
    alex.get_by_role("button", name="Save draft").click()
    alex.get_by_text("Draft saved. Only you can see it.").first.wait_for()
    assert Letter.objects.get().not_asking == STEPS["What I am not asking of you"]
    alex.get_by_role("button", name="Ask my therapist to read it").click()
    alex.get_by_text("Your therapist can read this draft now").wait_for()

    # Dr. Lee reads the draft and leaves a comment only Alex will see.
    therapist_log_in(dr_lee, "dr.lee@example.test")
    dr_lee.get_by_role("link", name="Sam & Alex").click()
    dr_lee.get_by_role("link", name="Letters shared with you").click()
    dr_lee.get_by_text(STEPS["What I own"]).wait_for()
    dr_lee.get_by_label("Your comment").fill(COMMENT)
    dr_lee.get_by_role("button", name="Leave my comment").click()
    dr_lee.get_by_text("Your comment is with the one who wrote the letter.").wait_for()

    # Alex sees the comment and marks the letter ready.
    open_from_the_inbox(alex, "Your therapist left a comment on your draft")
    alex.get_by_text(COMMENT).wait_for()
    alex.get_by_role("button", name="It is ready for my partner").click()
    alex.get_by_text("Your letter is with your partner").wait_for()
    alex.get_by_text("Not yet received.").wait_for()
    letter_page = alex.url

    # Sam is told it is there, and chooses to receive it at the next session.
    open_from_the_inbox(sam, "A letter from your partner is ready for you, whenever you choose")
    sam.get_by_role("heading", name="A letter from your partner is ready for you").wait_for()
    assert STEPS["What I did"] not in sam.content()
    sam.get_by_label("At our next session").check()
    sam.get_by_role("button", name="Save my choice").click()
    sam.get_by_text("It will wait for your next session").wait_for()
    assert STEPS["What I did"] not in sam.content()
    assert COMMENT not in sam.content()

    alex.goto(letter_page)
    alex.get_by_text("Not yet received.").wait_for()
    assert "session" not in alex.locator("main").inner_text().lower()

    # Days later Sam changes their mind: now. Sam reads it and answers, privately.
    server_clock.shift(timedelta(days=4))
    log_in(sam, "sam@example.test", "Sam")
    nav_link(sam, "The letter").click()
    sam.get_by_role("link", name="Letter, version 1").click()
    sam.get_by_label("Now", exact=True).check()
    sam.get_by_role("button", name="Save my choice").click()
    sam.get_by_text("Here it is. Take your time.").wait_for()
    for text in STEPS.values():
        sam.get_by_text(text).wait_for()
    assert COMMENT not in sam.content()
    sam.get_by_text("Writing something back, only if you want to").click()
    sam.get_by_label("Your answer").fill(ANSWER)
    sam.get_by_label("Only me: I keep it for myself").check()
    sam.get_by_role("button", name="Save my answer").click()
    sam.get_by_text("Kept for you alone.").wait_for()
    assert LetterReply.objects.get().shared_at is None

    # Alex sees "received", and nothing of Sam's answer.
    log_in(alex, "alex@example.test", "Alex")
    open_from_the_inbox(alex, "Your letter was received")
    alex.get_by_text("Received.", exact=True).wait_for()
    assert ANSWER not in alex.content()
    assert "Your partner's answer" not in alex.content()


LETTER_PAGES = ["/letter/", "/letter/write/", "/letter/{letter}/"]


@pytest.mark.parametrize(
    ("who", "pages"),
    [
        ("hurt@demo.test", LETTER_PAGES),
        ("involved@demo.test", LETTER_PAGES),
        ("therapist@demo.test", ["/letter/couples/{couple}/"]),
    ],
)
def test_the_letter_pages_have_no_serious_problems(browser, live_server, demo, who, pages):  # noqa: F811
    """The demo letter, waiting for the next session: the choice for Sam, the letter and
    its draft page for Alex, what Alex shared for Dr. Lee (axe, every size and scheme)."""
    ids = demo | {"letter": Letter.objects.get().pk}
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    demo_log_in(page, who)
    assert scan(page, pages, ids) == []
