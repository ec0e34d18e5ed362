import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The access tables create many people; real hashing would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
