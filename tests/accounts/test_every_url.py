"""Walk every URL pattern: anonymous visitors reach only the short public list."""

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Pages anyone may open. Everything else must send an anonymous visitor to log in.
PUBLIC = {
    "support",
    "health",
    "robots_txt",
    "leave",  # the quick exit's quiet sign-out (POST only)
    # What a phone asks for to install the app: neutral, nothing of anyone's.
    "installable:manifest",
    "installable:service_worker",
    "installable:offline",
    "join",
    "unsubscribe",
    "resubscribe",
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_logout",
    "account_login_code_confirm",
    "account_confirm_login_code",
    "account_request_login_code",
    "account_reset_password_code",
    "account_reset_password_code_confirm",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_trust",
}


def walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), (namespace + entry.name if entry.name else None)


def concrete(route: str) -> str:
    """Fill a route with harmless sample values."""
    import re

    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    route = re.sub(r"<(?:int|id):\w+>", "1", route)
    route = re.sub(r"<(?:str|slug|path):\w+>", "sample", route)
    route = re.sub(r"<\w+>", "sample", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "sample", route)
    return "/" + route


ROUTES = sorted(set(walk(get_resolver())), key=lambda item: item[0])


@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[r for r, _ in ROUTES])
def test_anonymous_visitors_are_sent_to_log_in(db, route, name):
    if route.startswith("admin/"):
        response = Client().get(concrete(route), follow=True)
        assert response.redirect_chain, route
        assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
        return
    response = Client().get(concrete(route))
    if name in PUBLIC:
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, route
        return
    assert response.status_code == HTTPStatus.FOUND, route
    assert response["Location"].startswith(reverse("account_login")), route
