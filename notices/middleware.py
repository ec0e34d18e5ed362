from .models import Notice

# A notice id never comes near the database's integer limit; anything longer is noise.
_MAX_ID_DIGITS = 18


def mark_opened(get_response):
    """Following a notice's link (`?notice=<id>`) marks it, and any other unread notice
    about the same item, read: it works for any page, with or without JavaScript."""

    def middleware(request):
        raw = request.GET.get("notice", "")
        if (
            request.method == "GET"
            and raw.isdigit()
            and len(raw) <= _MAX_ID_DIGITS
            and request.user.is_authenticated
        ):
            Notice.objects.opened(request.user, int(raw), request.path)
        return get_response(request)

    return middleware
