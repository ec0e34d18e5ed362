from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts.access import active_membership


def site(request):
    return {
        # Couple views already know the membership; other pages look it up only
        # if the template asks (the navigation does, for signed-in people).
        "nav_membership": SimpleLazyObject(
            lambda: getattr(request, "membership", None) or active_membership(request.user)
        ),
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "idle_seconds": settings.SESSION_IDLE_SECONDS,
    }
