"""CPU per request as the production server spends it: `python -m bench.served` after
`make bench`.

`bench.cpu` calls Django's WSGI handler in its own process; this serves the pages with
gunicorn as `make bench` does, loads each one with wrk over one connection, and reads
from /proc the user and system CPU the web workers and their PostgreSQL backends spent
per request. System CPU is the part `bench.cpu` can miss: it is where a Python whose
frame stack allocates and frees memory at a chunk boundary on every call shows up
(README "Performance").
"""

import os
import re
import sys
from pathlib import Path

from bench import run
from bench.probe import process_cpu_ticks, session_keys, signed_in_clients

SECONDS = int(os.environ.get("BENCH_SERVED_SECONDS", "8"))


def cpu_ticks(pattern: str) -> dict[int, tuple[int, int]]:
    """User and system CPU (clock ticks) of each process whose command line matches."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if not re.search(pattern, command):
                continue
            found[int(entry.name)] = process_cpu_ticks(int(entry.name))
        except (NotADirectoryError, FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return found


def spent(before: dict, after: dict, part: int) -> float:
    """Seconds spent between two readings by the processes alive at the second (a
    database connection that closed in between takes its share with it)."""
    ticks = sum(now[part] - before.get(pid, (0, 0))[part] for pid, now in after.items())
    return ticks / os.sysconf("SC_CLK_TCK")


def main() -> None:
    env = run.production_env()
    os.environ.update(env)
    import django

    django.setup()
    sessions = session_keys(signed_in_clients())
    wrk = run.ensure_wrk()
    server = run.start_gunicorn(env, sessions["couple"])
    processes = {"web": "gunicorn bench.wsgi", "database": f"postgres: .*{run.database_name()}"}
    print(
        f"{'page':<24} {'req/s':>7} "
        + " ".join(f"{k + ' ' + s:>15}" for k in processes for s in ("user ms", "sys ms"))
    )
    try:
        for page in [run.BASELINE, *run.PAGES]:
            session = sessions[page.viewer]
            run.load(wrk, page.path, session, 3, 1)  # warm-up
            before = {kind: cpu_ticks(pattern) for kind, pattern in processes.items()}
            figures = run.load(wrk, page.path, session, SECONDS, 1)
            after = {kind: cpu_ticks(pattern) for kind, pattern in processes.items()}
            requests = figures["rps"] * SECONDS
            per_request = [
                spent(before[kind], after[kind], part) / requests * 1000
                for kind in processes
                for part in (0, 1)
            ]
            row = " ".join(f"{ms:>15.2f}" for ms in per_request)
            print(f"{page.path:<24} {figures['rps']:>7.1f} {row}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
