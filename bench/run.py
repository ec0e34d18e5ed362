"""`make bench`: seed (or reuse) the large dataset on PostgreSQL, serve the app with
gunicorn and production settings, load each page with wrk, and report.

Settings (environment variables):
  BENCH_DATABASE_URL  the benchmark's own database (postgres://postgres@127.0.0.1:5432/cg_bench)
  BENCH_REDIS_URL     the benchmark's own Redis database, emptied first (redis://127.0.0.1:6379/2)
  BENCH_FRESH=1       drop and re-create that database first
  BENCH_SECONDS       measured seconds per page (15), after BENCH_WARMUP seconds (3)
  BENCH_CONNECTIONS   the load levels, concurrent connections (4,16; the p95 target is at 4)
  BENCH_WORKERS       gunicorn worker processes (3) and BENCH_THREADS threads each (1)
  BENCH_PORT          where gunicorn listens on 127.0.0.1 (a free port)
  BENCH_PAGES         only these paths, comma-separated (all pages)
"""

import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from psycopg import sql

from bench.pages import BASELINE
from bench.pages import PAGES as ALL_PAGES

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".bench"
PY = sys.executable
P95_TARGET_MS = 100
# A busy hour for thousands of couples is a handful of requests at once: the p95 target
# holds at 4 connections; 16 is reported to show how the pages queue under more.
TARGET_CONNECTIONS = 4
MEMORY_TARGET_MB = 150


def setting(name: str, default: str) -> str:
    return os.environ.get(name) or default


DATABASE_URL = setting("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cg_bench")
REDIS_URL = setting("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
SECONDS = int(setting("BENCH_SECONDS", "15"))
WARMUP = int(setting("BENCH_WARMUP", "3"))
LEVELS = [int(level) for level in setting("BENCH_CONNECTIONS", "4,16").split(",")]
WORKERS = int(setting("BENCH_WORKERS", "3"))
THREADS = int(setting("BENCH_THREADS", "1"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = int(setting("BENCH_PORT", "0")) or free_port()
ONLY = [path for path in setting("BENCH_PAGES", "").split(",") if path]
PAGES = [page for page in ALL_PAGES if not ONLY or page.path in ONLY]


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


KEY_NOTE = "common-ground bench field key: "


def field_key(new_dataset: bool) -> str:
    """The dataset's encryption key, kept with the dataset (as a comment on its
    database), so a reused dataset stays readable from any checkout."""
    from cryptography.fernet import Fernet

    with admin_connection() as connection:
        note = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [database_name()],
        ).fetchone()[0]
        if note and note.startswith(KEY_NOTE):
            return note.removeprefix(KEY_NOTE)
        if not new_dataset:
            sys.exit(
                f"Database {database_name()} holds no record of its encryption key; "
                "rebuild it with BENCH_FRESH=1 make bench"
            )
        key = Fernet.generate_key().decode()
        comment = sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(database_name()), sql.Literal(KEY_NOTE + key)
        )
        connection.execute(comment)
        return key


def production_env(new_dataset: bool = False) -> dict[str, str]:
    """Production settings, relaxed only where a local HTTP benchmark must be."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on the loopback, no TLS proxy
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        FIELD_ENCRYPTION_KEYS=field_key(new_dataset),
    )
    return env


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    step("Installing wrk (Debian package)")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    quiet = {"stdout": subprocess.DEVNULL}
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env, **quiet)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env, **quiet)
    return shutil.which("wrk") or sys.exit("wrk is still missing after apt-get install wrk")


def database_name() -> str:
    return urlsplit(DATABASE_URL).path.lstrip("/")


def admin_connection():
    import psycopg

    admin = urlsplit(DATABASE_URL)._replace(path="/postgres").geturl()
    try:
        return psycopg.connect(admin, autocommit=True)
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL is not reachable for {DATABASE_URL} (start it first): {error}")


def ensure_database() -> bool:
    """Create the bench database unless it is there; True when it was created."""
    name = database_name()
    if "bench" not in name:
        sys.exit(f"BENCH_DATABASE_URL must name a database made for the benchmark, not {name!r}")
    with admin_connection() as connection:
        if os.environ.get("BENCH_FRESH") == "1":
            step(f"Dropping database {name}")
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            step(f"Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')
            return True
    return False


def empty_redis() -> None:
    """Production runs with Redis (cache, sessions, broker); the bench uses its own database
    there, emptied so that nothing cached by an earlier dataset is served."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError as error:
        sys.exit(f"Redis is not reachable at {REDIS_URL} (start it first): {error}")


def manage(env, *args) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def get(path: str, session: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    try:
        connection.request("GET", path, headers={"Cookie": f"sessionid={session}"})
        return connection.getresponse().status
    finally:
        connection.close()


def start_gunicorn(env, session: str) -> subprocess.Popen:
    command = [
        str(Path(PY).parent / "gunicorn"),
        "bench.wsgi",
        f"--bind=127.0.0.1:{PORT}",
        f"--workers={WORKERS}",
        f"--threads={THREADS}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(BASELINE.path, session) == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit("gunicorn stopped while starting")
        time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not answer within 60 seconds")


def load(wrk: str, path: str, session: str, seconds: int, connections: int) -> dict:
    command = [
        wrk,
        f"--threads={min(2, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={ROOT / 'bench' / 'wrk_report.lua'}",
        f"--header=Cookie: sessionid={session}",
        f"http://127.0.0.1:{PORT}{path}",
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    if figures["not_ok"]:
        sys.exit(f"{path}: {figures['not_ok']} responses were not 200 OK: {figures}")
    if figures["socket_errors"]:
        # Requests that took longer than wrk's timeout count against the page, not as data.
        print(f"    {path}: {figures['socket_errors']} requests failed or timed out (> 10 s)")
    return {
        "rps": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
    }


def worker_peak_mb(server: subprocess.Popen) -> float:
    """The highest resident memory any web worker reached (VmHWM)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        peaks.append(int(line.split()[1]) / 1024)
    return round(max(peaks), 1)


def print_table(results: dict, probe: dict) -> None:
    header = (
        f"{'page':<42} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'queries':>8} {'ratio':>7}"
    )
    print(header)
    print("-" * len(header))
    rows = [(BASELINE, results["baseline"], probe["pages"][BASELINE.path]["queries"])]
    rows += [(page, row, row["queries"]) for page, row in zip(PAGES, results["pages"], strict=True)]
    for page, row, queries in rows:
        for level in LEVELS:
            figures = row["levels"][str(level)]
            missed = level == TARGET_CONNECTIONS and figures["p95_ms"] >= P95_TARGET_MS
            print(
                f"{page.name + ' ' + page.path:<42} {level:>5} {figures['rps']:>8.1f} "
                f"{figures['p50_ms']:>8.1f} {figures['p95_ms']:>8.1f} {queries:>8} "
                f"{figures['ratio']:>7.2f}{'  (target missed)' if missed else ''}"
            )
    memory = results["worker_peak_mb"]
    note = "" if memory < MEMORY_TARGET_MB else "  (target missed)"
    print(f"peak memory of one gunicorn worker (VmHWM): {memory} MB{note}")
    print(
        f"targets: p95 < {P95_TARGET_MS} ms at {TARGET_CONNECTIONS} connections; worker < "
        f"{MEMORY_TARGET_MB} MB; CPU per request (python -m bench.cpu) no higher than the "
        "README's Performance table. The ratio to the bare view is shown, not a target."
    )


def main() -> None:
    OUT.mkdir(exist_ok=True)
    wrk = ensure_wrk()
    env = production_env(new_dataset=ensure_database())
    empty_redis()
    # Building indexes and bulk inserts on 1.4 million rows may take longer than the
    # per-statement limit meant for web requests.
    unlimited = {**env, "DATABASE_STATEMENT_TIMEOUT_MS": "0"}
    step("Migrating")
    manage(unlimited, "migrate", "--noinput", "-v0")
    step("Seeding the dataset (reused when already there)")
    manage(unlimited, "seed_bench")  # bench/management/commands: only under bench.settings
    step("Collecting static files")
    manage(env, "collectstatic", "--noinput", "-v0")
    step("Counting queries per page with Django's test client")
    probe = json.loads(
        subprocess.run(
            [PY, "-m", "bench.probe"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout
    )
    for path, figures in probe["pages"].items():
        if figures["status"] != 200:
            sys.exit(f"{path} answered {figures['status']} to the test client, not 200")
    sessions = probe["sessions"]
    load_before = os.getloadavg()
    levels = ", ".join(str(level) for level in LEVELS)
    step(
        f"Serving with gunicorn ({WORKERS} workers x {THREADS} threads) and loading each page "
        f"for {SECONDS}s after {WARMUP}s of warm-up, at {levels} connections"
    )
    server = start_gunicorn(env, sessions["couple"])
    try:
        measured = {}
        for page in [BASELINE, *PAGES]:
            session = sessions[page.viewer]
            if get(page.path, session) != 200:
                sys.exit(f"{page.path} did not answer 200 through gunicorn")
            measured[page.path] = {}
            for level in LEVELS:
                load(wrk, page.path, session, WARMUP, level)
                measured[page.path][level] = load(wrk, page.path, session, SECONDS, level)
                print(f"    {page.path} at {level}: {measured[page.path][level]}", flush=True)
        peak = worker_peak_mb(server)
    finally:
        server.terminate()
        server.wait(timeout=30)

    def levels_of(path: str) -> dict:
        return {
            str(level): {
                **figures,
                "ratio": round(figures["rps"] / measured[BASELINE.path][level]["rps"], 2),
            }
            for level, figures in measured[path].items()
        }

    results = {
        "worker_peak_mb": peak,
        "baseline": {"page": BASELINE.path, "levels": levels_of(BASELINE.path)},
        "pages": [
            {
                "page": page.path,
                "queries": probe["pages"][page.path]["queries"],
                "levels": levels_of(page.path),
            }
            for page in PAGES
        ],
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    conditions = {
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "gunicorn": {"workers": WORKERS, "threads": THREADS},
        "wrk": {"connections": LEVELS, "threads": 2, "seconds": SECONDS, "warmup": WARMUP},
    }
    (OUT / "conditions.json").write_text(json.dumps(conditions, indent=2) + "\n")
    print()
    print_table(results, probe)
    print(
        f"{os.cpu_count()} CPUs; load average {conditions['load_average_before'][0]} before, "
        f"{conditions['load_average_after'][0]} after. Written to .bench/results.json"
    )


if __name__ == "__main__":
    main()
