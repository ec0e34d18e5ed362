"""Failed sign-ins slow an attacker, but nobody can lock a partner out of their
account by guessing at it (accounts/adapter.py, ACCOUNT_RATE_LIMITS)."""

from http import HTTPStatus

from django.test import Client
from django.urls import reverse

from ..factories import PASSWORD

REFUSED = b"Too many failed login attempts"


def attempt(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def stranger(number: int) -> Client:
    return Client(REMOTE_ADDR=f"203.0.113.{number}")


def test_one_address_is_slowed_after_ten_quick_failures(hurt):
    attacker = stranger(1)
    for _ in range(10):
        assert REFUSED not in attempt(attacker, hurt.email, "guess").content

    assert REFUSED in attempt(attacker, hurt.email, "guess").content


def test_guessing_from_many_addresses_never_locks_the_owner_out_of_their_own_phone(hurt):
    phone = Client(REMOTE_ADDR="198.51.100.7")
    assert attempt(phone, hurt.email, PASSWORD).status_code == HTTPStatus.FOUND
    phone.post(reverse("account_logout"))

    for number in range(30):
        attempt(stranger(number), hurt.email, "guess")
    # The account's shared bucket is used up: an unknown browser is held back...
    assert REFUSED in attempt(stranger(99), hurt.email, PASSWORD).content

    # ...but the phone the owner signed in on before is not.
    assert attempt(phone, hurt.email, PASSWORD).status_code == HTTPStatus.FOUND
    assert phone.get(reverse("home")).status_code == HTTPStatus.OK


def test_the_known_device_mark_is_signed_and_per_account(hurt, involved):
    phone = Client(REMOTE_ADDR="198.51.100.7")
    attempt(phone, hurt.email, PASSWORD)
    phone.post(reverse("account_logout"))
    for number in range(30):
        attempt(stranger(number), involved.email, "guess")

    # Sam's phone is no known device for Alex's account...
    assert REFUSED in attempt(phone, involved.email, PASSWORD).content
    # ...and a forged mark counts for nothing.
    forged = stranger(200)
    forged.cookies["cg_device"] = "alex@example.test"
    assert REFUSED in attempt(forged, involved.email, PASSWORD).content
