"""One pager: a list and a queryset page by the same rule."""

import pytest

from accounts.models import User
from recovery.paging import page_of

from ..factories import make_user


@pytest.mark.parametrize(
    ("asked", "shown"), [(None, 1), ("", 1), ("two", 1), ("2", 2), ("3", 3), ("99", 3), ("0", 3)]
)
def test_a_list_and_a_queryset_page_alike(db, asked, shown):
    for n in range(7):
        make_user(f"person{n}@example.test")
    people = User.objects.order_by("email")

    from_list = page_of(list(people), asked, 3)
    from_rows = page_of(people, asked, 3)

    assert from_list.number == from_rows.number == shown
    assert list(from_list.object_list) == from_rows.object_list
    assert from_rows.paginator.num_pages == 3
