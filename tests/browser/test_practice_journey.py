"""Between-session practice and the session agenda in three browsers: Dr. Lee writes a
practice, both partners see it on Today, Alex finds it hard and says so to Dr. Lee only,
Sam puts something on the agenda; days later Dr. Lee sees both and closes the agenda
with a note both partners read."""

from datetime import timedelta

import pytest

from practice.models import Outcome, PracticeMark

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PRACTICE = "Twice this week, ten minutes: one speaks, the other only listens."
HARD_LINE = "I kept wanting to explain myself."
AGENDA_LINE = "How we talk about the weekends."
NOTE = "Thank you both. Keep the ten minutes going this week."


def open_from_the_inbox(page, name: str) -> None:
    page.goto("/news/")
    page.get_by_role("heading", name="What's new").wait_for()
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state()


def test_a_practice_and_an_agenda_from_writing_to_the_note(
    new_page, server_clock, sam_alex_and_dr_lee
):
    couple, sam_user, alex_user, lee_user = sam_alex_and_dr_lee

    dr_lee, sam, alex = new_page(), new_page(), new_page()
    for page, person in ((dr_lee, lee_user), (sam, sam_user), (alex, alex_user)):
        log_in(page, person.email)

    # Dr. Lee writes a practice for both, in their own words, for this week.
    dr_lee.goto(f"/therapists/couples/{couple.pk}/")
    dr_lee.get_by_role("link", name="Practice and agenda").click()
    dr_lee.get_by_label("Or in your own words").fill(PRACTICE)
    dr_lee.get_by_label("For whom").select_option("both")
    dr_lee.get_by_role("button", name="Send the practice").click()
    dr_lee.get_by_text("Practice sent.").wait_for()

    # Both partners see it on Today; Alex opens it from the together page.
    sam.goto("/")
    sam.get_by_role("link", name="A practice from your therapist").wait_for()
    alex.goto("/together/")
    alex.get_by_role("link", name="A practice from your therapist").click()
    alex.get_by_text(PRACTICE).wait_for()
    alex.get_by_label("Found it hard").check()
    alex.get_by_label("A line for your therapist (optional)").fill(HARD_LINE)
    alex.get_by_role("button", name="Save").click()
    alex.get_by_text("Marked. Thank you.").wait_for()
    assert PracticeMark.objects.get().outcome == Outcome.HARD

    # Sam sees that Alex marked it, never Alex's line; Sam adds to the agenda.
    sam.get_by_role("link", name="A practice from your therapist").click()
    sam.get_by_text("Your partner marked it: Found it hard.").wait_for()
    assert HARD_LINE not in sam.content()
    sam.get_by_label("Done").check()
    sam.get_by_role("button", name="Save").click()
    sam.get_by_text("Marked. Thank you.").wait_for()
    sam.goto("/")
    sam.get_by_role("link", name="For our next session").click()
    sam.get_by_label("Your line").fill(AGENDA_LINE)
    sam.get_by_role("button", name="Add to the agenda").click()
    sam.get_by_text("Added. Only your therapist will see it.").wait_for()
    alex.goto("/practice/agenda/")
    assert AGENDA_LINE not in alex.content()

    # Days pass; the session comes. Dr. Lee is told, sees both, and closes the agenda.
    server_clock.shift(timedelta(days=3))
    for page, person in ((dr_lee, lee_user), (sam, sam_user), (alex, alex_user)):
        log_in(page, person.email)
    open_from_the_inbox(dr_lee, "A couple added to the agenda of their next session")
    dr_lee.get_by_text(AGENDA_LINE).wait_for()
    dr_lee.get_by_text(HARD_LINE).wait_for()
    dr_lee.get_by_text("Sam: Done").wait_for()
    dr_lee.get_by_label("A note for the couple").fill(NOTE)
    dr_lee.get_by_role("button", name="Close the agenda").click()
    dr_lee.get_by_text("Agenda closed. Both partners see your note.").wait_for()

    # Both partners are told and read the note; a new, empty agenda starts.
    for page in (sam, alex):
        open_from_the_inbox(page, "Your therapist closed your session agenda with a note")
        page.get_by_text(NOTE).wait_for()
        page.get_by_text("Nothing on the agenda yet.").wait_for()
