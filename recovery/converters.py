"""Path converters shared by every app's URL patterns."""

from django.urls import register_converter

# The largest value a database row id (a signed 64-bit integer) can hold.
ID_MAX = 2**63 - 1


class IdConverter:
    """A database id: a whole number from 1 to the largest 64-bit id.

    Anything else in its place does not match, so the request is a 404 before any
    view or query runs (a 20-digit number would otherwise overflow the database).
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= ID_MAX:
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
