import pytest

from ..factories import make_user
from ..therapists.builders import link, make_profile


@pytest.fixture
def lee(couple, hurt, involved, therapist):
    """Dr. Lee, the couple's therapist with both partners' consent."""
    make_profile(therapist)
    link(couple, therapist, hurt, involved)
    return therapist


@pytest.fixture
def ng(db):
    """Dr. Ng: a therapist of another couple, never linked to this one."""
    ng = make_user("dr.ng@example.test", "Dr. Ng", is_therapist=True)
    make_profile(ng, "Riverside Practice")
    return ng
