"""The app's own settings, plus one bare view for the benchmark's baseline.

Only the URL configuration and the bench's own app (its seeding command) differ, so
the baseline runs behind exactly the same middleware, database and gunicorn
configuration as the pages it is compared with, and normal runs (recovery.settings)
have no such URL or command at all.
"""

from recovery.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The bench as an app of its own, for its `seed_bench` command: it exists only under
# these settings, so a normal installation can never add the bench's million rows.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405

# Static files collected for the benchmark alone (git-ignored), served by WhiteNoise
# as in production, so other work in the same tree never changes them mid-run.
STATIC_ROOT = BASE_DIR / ".bench" / "static"  # noqa: F405
