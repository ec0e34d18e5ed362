"""Phone-sized screenshots of the main pages, made from the demo data.

    make screenshots          # writes docs/screenshots/*.png

Seeds the demo into a throwaway SQLite database, serves it with Django's development
server on a free local port, and photographs each page with Playwright driving
Debian's Chromium. Nothing outside this machine is contacted.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
PASSWORD = "demo-pass-2026"

# (file name, who, path). Paths with {placeholders} are filled from the demo data.
SHOTS = [
    ("login", None, "/accounts/login/"),
    ("today", "hurt@demo.test", "/"),
    ("checkin", "involved@demo.test", "/checkins/"),
    ("checkin-history", "hurt@demo.test", "/checkins/history/"),
    ("trigger-log", "hurt@demo.test", "/triggers/new/"),
    ("triggers", "involved@demo.test", "/triggers/"),
    ("trigger-patterns", "hurt@demo.test", "/triggers/patterns/"),
    ("agreement", "hurt@demo.test", "/agreement/"),
    ("exercises", "involved@demo.test", "/exercises/"),
    ("together", "hurt@demo.test", "/together/"),
    ("menu", "hurt@demo.test", "/together/wins/"),
    ("therapist-couples", "therapist@demo.test", "/therapists/couples/"),
    ("therapist-couple", "therapist@demo.test", "/therapists/couples/{couple}/"),
]
# Also shown in dark mode, to check the dark palette.
DARK = {"today", "checkin-history", "therapist-couples"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def django_env(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "THERAPIST_MFA_REQUIRED": "0",
        "SESSION_IDLE_SECONDS": "3600",
    }


def manage(env, *args) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def demo_ids(env) -> dict[str, int]:
    code = (
        "from accounts.models import Membership;"
        "print(Membership.objects.active().get(user__email='hurt@demo.test').couple_id)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return {"couple": int(result.stdout.split()[-1])}


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (a local URL we just started)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The development server did not answer at {url}")


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def capture(base_url, ids, out: Path, full_page: bool, viewport: dict[str, int]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        pages = {}
        for scheme in ("light", "dark"):
            for name, who, path in SHOTS:
                if scheme == "dark" and name not in DARK:
                    continue
                key = (who, scheme)
                if key not in pages:
                    context = browser.new_context(
                        base_url=base_url, viewport=viewport, color_scheme=scheme
                    )
                    pages[key] = context.new_page()
                    if who:
                        log_in(pages[key], who)
                page = pages[key]
                page.goto(path.format(**ids))
                page.wait_for_load_state("networkidle")
                if name == "menu":
                    page.get_by_role("navigation", name="Main").get_by_text("More").click()
                suffix = "-dark" if scheme == "dark" else ""
                target = out / f"{name}{suffix}.png"
                page.screenshot(path=target, full_page=full_page and name != "menu")
                written.append(target)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    parser.add_argument("--full-page", action="store_true", help="whole pages, not one screen")
    parser.add_argument("--width", type=int, default=PHONE["width"], help="viewport width")
    parser.add_argument("--height", type=int, default=PHONE["height"], help="viewport height")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="cg-screens-") as folder:
        env = django_env(Path(folder) / "demo.sqlite3")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo")
        ids = demo_ids(env)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_for(base_url + "/accounts/login/")
            viewport = {"width": args.width, "height": args.height}
            written = capture(base_url, ids, args.out, args.full_page, viewport)
        finally:
            server.terminate()
            server.wait(timeout=10)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
