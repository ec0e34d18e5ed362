from dataclasses import dataclass

import pytest

from accounts.models import Couple, User
from therapists.models import Consent, TherapistLink, TherapistProfile


@dataclass
class World:
    hurt: User
    involved: User
    couple: Couple
    therapist: User
    outsider: User


@pytest.fixture
def world(hurt, involved, couple, therapist, outsider):
    """A couple, their therapist with both consents, and someone of another couple.
    The therapist's link is written directly, so it tells nobody anything."""
    TherapistProfile.objects.create(user=therapist, practice_name="Harbour", code="ABCD2345")
    link = TherapistLink.objects.create(couple=couple, therapist=therapist, invited_by=hurt)
    for partner in (hurt, involved):
        Consent.objects.create(link=link, partner=partner)
    return World(hurt, involved, couple, therapist, outsider)
