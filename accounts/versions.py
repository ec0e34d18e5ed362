"""A version stamp per couple, for caches of numbers worked out from a couple's data.

Some pages show figures that cost more to work out than to keep: the therapist
dashboard's counts, dates and open tier for every couple, the trigger patterns. They
are kept in the cache (Redis in production) under the couple's current stamp, and
every write to the data they come from replaces the stamp: `track` connects a model
so that saving or deleting one of its rows does it, and code that writes with
`QuerySet.update()` calls `bump` itself. A figure computed before a write is then
never found again. Only numbers and dates are kept this way, never anything a person
wrote (the database encrypts that; the cache must not hold it in clear).

The stamp is dropped at once and again when the transaction commits: a page that read
the old rows in between may have stored them under the stamp that replaced it.
"""

import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

STAMP_SECONDS = 30 * 24 * 3600


def _key(couple_id: int) -> str:
    return f"couple-version:{couple_id}"


def bump(couple_id: int | None) -> None:
    """Forget every figure cached for this couple's data."""
    if couple_id is None:
        return
    key = _key(couple_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def current(couple_ids: Iterable[int]) -> dict[int, str]:
    """Each couple's stamp (one cache read; a new stamp for a couple without one)."""
    keys = {couple_id: _key(couple_id) for couple_id in couple_ids}
    found = cache.get_many(list(keys.values()))
    stamps = {}
    for couple_id, key in keys.items():
        stamp = found.get(key)
        if stamp is None:
            stamp = uuid.uuid4().hex
            if not cache.add(key, stamp, STAMP_SECONDS):
                stamp = cache.get(key) or stamp  # another request set it first
        stamps[couple_id] = stamp
    return stamps


def track(model, couple_id_of: Callable[[object], int | None] | None = None) -> None:
    """Bump the couple's stamp whenever a row of `model` is saved or deleted."""
    find = couple_id_of or (lambda instance: instance.couple_id)

    def changed(sender, instance, **kwargs):
        bump(find(instance))

    uid = f"couple-version:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
