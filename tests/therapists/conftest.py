import pytest

from .builders import make_profile


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The access tables create many people; real hashing would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def dr_lee(therapist):
    """Dr. Lee with her practice details, linked to no couple yet."""
    make_profile(therapist)
    return therapist
