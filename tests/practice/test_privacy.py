"""A "found it hard" line reaches the therapist, and the partner only when shared; a
private agenda item never reaches the partner, in any page or notice."""

import pytest
from django.urls import reverse

from notices.models import Notice
from practice.models import About, AgendaItem, Outcome

from ..conftest import client_for
from .builders import member, written

pytestmark = pytest.mark.django_db

LINE = "marker-hard-line-7f3a"
SHARED_LINE = "marker-shared-line-2b9c"
PRIVATE_ITEM = "marker-private-item-5d1e"
SHARED_ITEM = "marker-shared-item-8c4f"


def _pages(couple, practice):
    return [
        reverse("home"),
        reverse("together:today"),
        reverse("practice:agenda"),
        practice.path,
        reverse("notices:inbox"),
    ]


def test_lines_and_private_items_never_reach_the_partner(couple, hurt, involved, lee):
    practice = written(couple, lee)
    practice.mark(member(involved), _gate(couple), Outcome.HARD, LINE, False)
    practice.mark(member(hurt), _gate(couple), Outcome.HARD, SHARED_LINE, True)
    AgendaItem.add(member(involved), about=About.OWN, text=PRIVATE_ITEM)
    AgendaItem.add(member(hurt), about=About.OWN, text=SHARED_ITEM, shared_with_partner=True)

    sam = client_for(hurt)
    seen_by_sam = "".join(sam.get(url).text for url in _pages(couple, practice))
    assert LINE not in seen_by_sam and PRIVATE_ITEM not in seen_by_sam
    assert SHARED_LINE in seen_by_sam and SHARED_ITEM in seen_by_sam

    alex = client_for(involved)
    seen_by_alex = "".join(alex.get(url).text for url in _pages(couple, practice))
    assert LINE in seen_by_alex and PRIVATE_ITEM in seen_by_alex and SHARED_ITEM in seen_by_alex

    therapist = client_for(lee).get(reverse("practice:therapist_couple", args=[couple.pk])).text
    for marker in (LINE, SHARED_LINE, PRIVATE_ITEM, SHARED_ITEM):
        assert marker in therapist

    # Notices never copy anyone's words.
    for notice in Notice.objects.all():
        assert not any(m in notice.path for m in (LINE, PRIVATE_ITEM))

    # Sam's copy of their data holds their own line and item, never Alex's.
    from home import data_rights

    sams = str(data_rights.collect(hurt))
    assert SHARED_LINE in sams and SHARED_ITEM in sams
    assert LINE not in sams and PRIVATE_ITEM not in sams


def test_the_therapist_sees_nothing_once_a_consent_is_withdrawn(couple, hurt, involved, lee):
    from therapists.models import Consent, TherapistLink

    AgendaItem.add(member(hurt), about=About.OWN, text=PRIVATE_ITEM)
    Consent.withdraw(TherapistLink.objects.get(), hurt)
    response = client_for(lee).get(reverse("practice:therapist_couple", args=[couple.pk]))
    assert response.status_code == 404 and PRIVATE_ITEM not in response.text


def _gate(couple):
    from pacing.models import gate_for

    return gate_for(couple)
