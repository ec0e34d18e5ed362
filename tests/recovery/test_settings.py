import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from recovery.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 20 + "-strong-random-value-for-tests-" + "9" * 20


def manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k != "FIELD_ENCRYPTION_KEYS"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("raw", ["maybe", "2", "yes please"])
def test_bad_booleans_fail_loudly(monkeypatch, raw):
    monkeypatch.setenv("SOME_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", False)


def test_bad_integers_fail_loudly(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env_int("SOME_NUMBER", 1)


def test_typed_helpers_read_good_values(monkeypatch):
    monkeypatch.setenv("A_FLAG", "off")
    monkeypatch.setenv("A_NUMBER", "42")
    monkeypatch.setenv("A_LIST", "a.example, b.example,")
    assert env_bool("A_FLAG", True) is False
    assert env_int("A_NUMBER", 0) == 42
    assert env_list("A_LIST", []) == ["a.example", "b.example"]


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 60])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    result = manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_deploy_check_passes_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="common-ground.example",
        EMAIL_HOST="smtp.common-ground.example",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )

    assert result.returncode == 0, result.stderr


def test_email_links_follow_the_port_the_demo_is_served_on():
    show = "from django.conf import settings; print(settings.SITE_URL)"

    on_8080 = manage("shell", "-c", show, DJANGO_DEBUG="1", PORT="8080")
    chosen = manage(
        "shell", "-c", show, DJANGO_DEBUG="1", PORT="8080", SITE_URL="https://cg.example/"
    )

    assert on_8080.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8080", on_8080.stderr
    assert chosen.stdout.strip().splitlines()[-1] == "https://cg.example"


def test_make_run_serves_and_links_on_the_same_port():
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=8080"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert "runserver 127.0.0.1:8080" in dry_run.stdout
    exported = subprocess.run(
        ["make", "-s", "--eval=show-port: ; @echo $$PORT", "show-port", "PORT=8080"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert exported.stdout.strip() == "8080"
