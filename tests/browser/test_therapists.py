"""Acceptance 5: both partners consent in turn, the therapist sees the couple, one
partner withdraws, and the therapist's very next request is refused."""

import pytest

from therapists.models import TherapistProfile

from ..factories import PASSWORD
from .conftest import log_in
from .nav import nav_link

pytestmark = pytest.mark.django_db(transaction=True)


def consent(page) -> None:
    page.goto("/therapists/")
    page.get_by_role("link", name="Review and decide").click()
    page.get_by_text("What your therapist will never see").wait_for()
    page.get_by_role("button", name="I agree to share with Dr. Lee").click()
    # Agreeing asks for the password again; the agreement is held until it is entered.
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_text("Your agreement is recorded").wait_for()


def test_consent_in_turn_then_withdrawal_ends_access_at_once(
    new_page, settings, hurt, involved, couple, therapist
):
    settings.THERAPIST_MFA_REQUIRED = False
    profile = TherapistProfile.set_up(therapist, "Harbour Couples Therapy")

    sam = new_page()
    log_in(sam, hurt.email)
    nav_link(sam, "Therapist").click()
    sam.get_by_label("Your therapist's code").fill(profile.display_code.lower())
    sam.get_by_role("button", name="Find my therapist").click()
    sam.get_by_text("Nothing is shared until you both agree").wait_for()
    consent(sam)
    sam.get_by_text("Alex has not agreed.").wait_for()

    dr_lee = new_page()
    log_in(dr_lee, therapist.email)
    dr_lee.get_by_text("No couples yet").wait_for()

    alex = new_page()
    log_in(alex, involved.email)
    alex.goto("/therapists/")
    alex.get_by_text("Sam agreed on").first.wait_for()
    consent(alex)
    alex.get_by_text("Sharing is on").wait_for()

    dr_lee.reload()
    dr_lee.get_by_role("link", name="Sam & Alex").click()
    dr_lee.get_by_text("Sam: Hurt partner").wait_for()
    couple_url = dr_lee.url

    sam.goto("/therapists/")
    sam.get_by_text("Opened your space").wait_for()  # the look was recorded
    # Sam entered the password a moment ago, so withdrawing is not held for it again.
    sam.get_by_role("button", name="Withdraw my agreement").click()
    sam.get_by_text("Your agreement is withdrawn").wait_for()

    refused = dr_lee.goto(couple_url)
    assert refused.status == 404
    dr_lee.goto("/therapists/couples/")
    dr_lee.get_by_text("No couples yet").wait_for()
