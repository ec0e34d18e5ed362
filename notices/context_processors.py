import operator

from django.utils.functional import SimpleLazyObject, new_method_proxy

from .models import Notice


class LazyCount(SimpleLazyObject):
    """A number read only when a template uses it. Plural rules of some languages
    take a remainder (`n % 1000000` in Spanish), which a plain lazy object cannot."""

    __mod__ = new_method_proxy(operator.mod)


def notices(request):
    """How many unread notices the person has, read only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notice_count": LazyCount(lambda: Notice.objects.visible_to(user).unread().count())}
