import pytest

from accounts.models import Membership


@pytest.fixture
def hurt_membership(hurt, couple):
    return Membership.objects.select_related("couple", "user").get(user=hurt)


@pytest.fixture
def involved_membership(involved, couple):
    return Membership.objects.select_related("couple", "user").get(user=involved)


@pytest.fixture
def outsider_membership(outsider):
    return Membership.objects.select_related("couple", "user").get(user=outsider)
