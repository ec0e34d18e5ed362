from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect


def therapist_mfa_required(get_response):
    """Therapists see couples' private progress: when THERAPIST_MFA_REQUIRED is on,
    a therapist must set up an authenticator app before anything else."""

    def middleware(request):
        if _must_set_up_totp(request):
            target = redirect("mfa_activate_totp")
            if getattr(request, "htmx", False):
                return HttpResponseClientRedirect(target.url)
            if request.method == "GET":
                messages.info(
                    request,
                    _("Therapist accounts need two-step sign-in. Please set it up to continue."),
                )
            return target
        return get_response(request)

    return middleware


def _must_set_up_totp(request) -> bool:
    user = request.user
    if not (settings.THERAPIST_MFA_REQUIRED and user.is_authenticated and user.is_therapist):
        return False
    if _is_exempt(request.path_info):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _is_exempt(path: str) -> bool:
    """allauth's own pages (login, logout, two-factor setup, email) and static files."""
    if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.func.__module__.startswith("allauth.") or match.url_name == "support"
