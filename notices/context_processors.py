from django.utils.functional import SimpleLazyObject

from .models import Notice


def notices(request):
    """How many unread notices the person has, read only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "notice_count": SimpleLazyObject(lambda: Notice.objects.visible_to(user).unread().count())
    }
