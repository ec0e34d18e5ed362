"""CPU per request, one request at a time: `python -m bench.cpu` after `make bench`.

Where the time of a page goes when nothing waits in a queue: the web worker's own CPU
(through Django's WSGI handler, as gunicorn calls it) and the CPU of its PostgreSQL
backend, each the best of five batches. Run with the same environment as bench/run.py
(it sets it up itself, from the bench's database and key).
"""

import io
import os
import sys
import time


def main() -> None:
    from bench.run import production_env

    os.environ.update(production_env())
    # One connection for the whole measurement, so its backend's CPU can be read.
    os.environ["DATABASE_CONN_MAX_AGE"] = "3600"
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    from bench.pages import BASELINE, PAGES, RECORDED_CPU_MS
    from bench.probe import process_cpu_ticks, session_keys, signed_in_clients

    cookies = session_keys(signed_in_clients())
    app = WSGIHandler()

    def get(page) -> None:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": page.path,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}={cookies[page.viewer]}",
        }
        b"".join(app(environ, lambda status, headers: None))

    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]

    def database_cpu() -> float:
        return sum(process_cpu_ticks(backend)) / os.sysconf("SC_CLK_TCK")

    rounds = int(os.environ.get("BENCH_CPU_ROUNDS", "20"))
    print(f"{'page':<24} {'worker ms':>10} {'database ms':>12} {'recorded (README)':>18}")
    for page in [BASELINE, *PAGES]:
        get(page)
        worker, database = [], []
        for _ in range(5):
            started, db_started = time.process_time(), database_cpu()
            for _ in range(rounds):
                get(page)
            worker.append((time.process_time() - started) / rounds * 1000)
            database.append((database_cpu() - db_started) / rounds * 1000)
        worker_ms, database_ms = min(worker), min(database)
        recorded = RECORDED_CPU_MS.get(page.path)
        note = ""
        if recorded:
            note = f"{recorded[0]:>9.1f} + {recorded[1]:.1f}"
            # The target: no more than recorded; 15% is this measurement's own noise.
            if worker_ms + database_ms > sum(recorded) * 1.15:
                note += "  (above the recorded figure)"
        print(f"{page.path:<24} {worker_ms:>10.1f} {database_ms:>12.1f} {note}")


if __name__ == "__main__":
    main()
