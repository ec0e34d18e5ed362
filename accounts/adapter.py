"""Sign-in limits that slow an attacker without locking the account's owner out.

allauth counts failed sign-ins per IP address and per account. A per-account count
alone lets anyone who knows a partner's email lock them out at the moment they may
need the app. So a browser that has signed in to an account before carries a signed
"known device" cookie, and its failures are counted in a bucket of its own: a
stranger's guesses (from any number of addresses) never use up the owner's attempts
on their own phone. Unknown browsers share the account's bucket, so guessing stays
slow everywhere. The limits themselves are `ACCOUNT_RATE_LIMITS` in the settings.
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core import signing
from django.utils import translation

from .models import User

DEVICE_COOKIE = "cg_device"
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600
_DEVICE_SALT = "accounts.known-device"


def _login_of(credentials: dict) -> str:
    return credentials.get("email", credentials.get("username", "")).strip().lower()


def _device_logins(request) -> list[str]:
    """The accounts this browser has signed in to (from its signed cookie)."""
    signed = request.COOKIES.get(DEVICE_COOKIE)
    if not signed:
        return []
    try:
        logins = signing.loads(signed, salt=_DEVICE_SALT, max_age=DEVICE_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return []
    return logins if isinstance(logins, list) else []


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth's hook for the per-account failed-login key (used by
        # pre_authenticate and cleared on a password reset).
        key = super()._get_login_attempts_cache_key(request, **credentials)
        login = _login_of(credentials)
        if login and login in _device_logins(request):
            return f"known-device:{key}"
        return key

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        login = user.email.strip().lower()
        # A shared family computer may know more than one account; keep a few.
        others = [other for other in _device_logins(request) if other != login]
        logins = [login, *others][:3]
        response.set_cookie(
            DEVICE_COOKIE,
            signing.dumps(logins, salt=_DEVICE_SALT, compress=True),
            max_age=DEVICE_COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def send_mail(self, template_prefix, email, context):
        """allauth's emails (address confirmation, password reset) in the recipient's
        language; to an address without an account, in the language of the page."""
        language = _language_of(context.get("user"), email) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)


def _language_of(user, email: str) -> str | None:
    if not isinstance(user, User):
        user = User.objects.filter(email__iexact=email).only("language").first()
    return user.language if user else None
