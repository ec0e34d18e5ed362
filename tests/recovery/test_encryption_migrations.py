"""Existing rows survive the switch to encrypted fields, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from checkins.models import Answer
from recovery.encryption import TOKEN_PREFIX
from together.models import GoalChange, Step

from .test_encryption import raw_values

BEFORE = [("checkins", "0001_initial"), ("together", "0001_initial")]

# Migrating needs real transactions. No serialized rollback: pytest-django runs the
# transactional tests after all others, and each of them ends with a flush, so the
# rows that migrations load are never restored for anyone after this test. Restoring
# them here (serialized_rollback) would instead collide with the content types that
# an earlier transactional test's flush re-created under new ids. A transactional
# test that needs migration data loads it itself (see tests/browser/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


def test_plaintext_rows_are_encrypted_by_the_migration_and_read_back(hurt, couple):
    old = migrate(BEFORE).loader.project_state(BEFORE).apps
    checkin = old.get_model("checkins", "CheckIn").objects.create(
        couple_id=couple.pk, week_start="2026-01-05", joint_note="Walk on Sundays"
    )
    old.get_model("checkins", "Answer").objects.create(
        checkin_id=checkin.pk, author_id=hurt.pk, win_text="We cooked together", need_text=""
    )
    goal = old.get_model("together", "Goal").objects.create(couple_id=couple.pk, title="A trip")
    old.get_model("together", "Step").objects.create(goal_id=goal.pk, text="Pick a place")
    old.get_model("together", "GoalChange").objects.create(
        couple_id=couple.pk, proposed_by_id=hurt.pk, title="A trip", steps=["Pick", "Save"]
    )

    migrate(None)

    for label, field in [
        ("checkins.Answer", "win_text"),
        ("checkins.CheckIn", "joint_note"),
        ("together.Step", "text"),
        ("together.GoalChange", "steps"),
    ]:
        assert all(value.startswith(TOKEN_PREFIX) for value in raw_values(label, field)), label
    assert raw_values("checkins.Answer", "need_text") == [""]
    answer = Answer.objects.select_related("checkin").get()
    assert (answer.win_text, answer.checkin.joint_note) == ("We cooked together", "Walk on Sundays")
    assert Step.objects.get().text == "Pick a place"
    assert GoalChange.objects.get().steps == ["Pick", "Save"]

    # Reversed, the migration gives the plaintext back.
    migrate(BEFORE)
    assert raw_values("checkins.Answer", "win_text") == ["We cooked together"]
    assert raw_values("together.Step", "text") == ["Pick a place"]
    migrate(None)
    assert Answer.objects.get().win_text == "We cooked together"
