import pytest

from .builders import member


@pytest.fixture
def sam(hurt, couple):
    return member(hurt)


@pytest.fixture
def alex(involved, couple):
    return member(involved)
