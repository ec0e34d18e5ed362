"""Spanish words run longer than English ones: the hurt partner's pages in Spanish
still fit a phone and keep their labels."""

import pytest

from accounts.models import User

from .test_accessibility import HURT_PARTNER_PAGES, scan_signed_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_in_spanish_have_no_serious_problems(browser, live_server, demo):
    User.objects.filter(email="hurt@demo.test").update(language="es")
    found = scan_signed_in(
        browser, live_server, "hurt@demo.test", HURT_PARTNER_PAGES, demo, lang="es"
    )
    assert found == [], "\n".join(found)
