"""One pager for every paged list: what is not a page number gives the first page, and
a number past the end gives the last (the rule of Django's `Paginator.get_page`)."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

# Far past any real list, and within what SQL accepts as an OFFSET.
LAST_PAGE_ASKED = 10**6


def page_of(rows, number: str | int | None, per_page: int) -> Page:
    """One page of `rows`: a list, a range or a queryset.

    A queryset is counted by the same query that reads its page (a window over every
    row) rather than by a COUNT first; the page's `object_list` is then a list."""
    if not isinstance(rows, QuerySet):
        return Paginator(rows, per_page).get_page(number)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if not 1 <= number <= LAST_PAGE_ASKED:
        number = LAST_PAGE_ASKED
    counted = rows.annotate(total=Window(Count("pk")))
    listed = list(counted[(number - 1) * per_page : number * per_page])
    if not listed and number > 1:
        number = max(1, -(-rows.count() // per_page))
        listed = list(counted[(number - 1) * per_page : number * per_page])
    paginator = Paginator(range(listed[0].total if listed else 0), per_page)
    return Page(listed, number, paginator)
