"""The involved partner's pages: no serious axe finding at phone and desk sizes."""

import pytest

from .test_accessibility import PARTNER_PAGES, scan_signed_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_involved_partners_pages_have_no_serious_problems(browser, live_server, demo):
    found = scan_signed_in(browser, live_server, "involved@demo.test", PARTNER_PAGES, demo)
    assert found == [], "\n".join(found)
