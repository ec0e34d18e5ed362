import pytest

from agreements.models import Agreement


@pytest.fixture
def agreement(couple):
    return Agreement.objects.for_couple(couple)
