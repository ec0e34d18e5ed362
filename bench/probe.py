"""Sign in the bench viewers and count each page's queries with Django's test client.

Run by bench/run.py against the benchmark database, before the load starts; prints one
JSON object: the session keys wrk sends, and each page's status and query count.
"""

import json
import os
import sys
from pathlib import Path

import django


def signed_in_clients() -> dict:
    """A test client for each bench viewer, signed in (Django must be set up)."""
    from django.test import Client

    from accounts.models import User
    from bench.pages import VIEWERS

    clients = {}
    for viewer, email in VIEWERS.items():
        clients[viewer] = Client(HTTP_HOST="127.0.0.1")
        clients[viewer].force_login(User.objects.get(email=email))
    return clients


def session_keys(clients: dict) -> dict[str, str]:
    """Each signed-in client's session key, for requests made outside the test client."""
    from django.conf import settings

    return {
        viewer: client.cookies[settings.SESSION_COOKIE_NAME].value
        for viewer, client in clients.items()
    }


def process_cpu_ticks(pid: int) -> tuple[int, int]:
    """A process's user and system CPU so far, in clock ticks (`/proc/<pid>/stat`)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]), int(fields[12])


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.pages import BASELINE, PAGES

    clients = signed_in_clients()
    sessions = session_keys(clients)
    pages = {}
    for page in [BASELINE, *PAGES]:
        client = clients[page.viewer]
        client.get(page.path)  # first visit: opens this week's check-in, fills caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path)
        pages[page.path] = {
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(response.content),
        }
    json.dump({"sessions": sessions, "pages": pages}, sys.stdout)


if __name__ == "__main__":
    main()
