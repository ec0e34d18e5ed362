"""Encryption at rest: what people write is stored as ciphertext, keys rotate, and a
bad key stops the app instead of showing tokens or plaintext."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from checkins.models import Answer, CheckIn
from recovery.encryption import TOKEN_PREFIX, encrypted_field_columns
from together.models import JournalEntry

from .test_settings import manage
from .writing import write_everything, write_therapist_label, write_therapist_note

# Every free-text field people write. Turning one back into plain text fails here.
MUST_BE_ENCRYPTED = {
    "checkins.answer": {"triggers_text", "boundaries_text", "win_text", "need_text"},
    "checkins.checkin": {"joint_note", "next_step"},
    "triggers.trigger": {"what_happened", "body_response", "what_helped"},
    "triggers.reassurance": {"text"},
    "pacing.readinessreport": {"note"},
    "pacing.reflection": {"noticed"},
    "therapists.therapistnote": {"text"},
    "therapists.exercisesuggestion": {"note"},
    "agreements.version": {
        "digital",
        "whereabouts",
        "contact",
        "heated_moments",
        "self_care",
        "therapy",
        "reason",
        "decline_comment",
    },
    "agreements.reviewresponse": {"note", "successes"},
    "together.question": {"text"},
    "together.answer": {"text"},
    "together.pause": {"reason"},
    "together.win": {"text"},
    "together.goal": {"title", "why"},
    "together.step": {"text"},
    "together.goalchange": {"title", "why", "steps"},
    "together.journalentry": {"text"},
    "together.selfcareplan": {"rest", "movement", "people_i_can_talk_to", "my_own_therapy"},
    "repair.repair": {"plan"},
    "repair.repairside": {
        "feelings",
        "feelings_words",
        "what_it_was_like",
        "heard",
        "understood_note",
        "my_part",
        "next_time",
        "need",
    },
    "repair.planchange": {"steps"},
    "transparency.headsup": {"line"},
    "transparency.headsupversion": {"line"},
    "transparency.weekplan": {"days"},
    "transparency.weekplanversion": {"days"},
    "transparency.telling": {"text"},
    "acknowledgement.letter": {"what_i_did", "impact", "what_i_own", "changing", "not_asking"},
    "acknowledgement.lettercomment": {"text"},
    "acknowledgement.letterreply": {"text"},
    "rituals.ritual": {"title"},
    "rituals.feeling": {"line"},
    "rituals.cardanswer": {"text"},
    "forgiveness.reflection": {"text"},
    "forgiveness.message": {"text"},
    "practice.practice": {"text"},
    "practice.practicemark": {"line"},
    "practice.agenda": {"note"},
    "practice.agendaitem": {"text"},
    "intensives.step": {"title", "prompt"},
}

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def raw_values(label: str, field: str) -> list:
    model = apps.get_model(label)
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")
        return [row[0] for row in cursor.fetchall()]


def test_every_free_text_field_people_write_is_encrypted():
    encrypted = {
        model._meta.label_lower: {field.name for field in fields}
        for model, fields in encrypted_field_columns()
    }

    for label, fields in MUST_BE_ENCRYPTED.items():
        assert fields <= encrypted.get(label, set()), label


@pytest.mark.django_db
def test_raw_sql_shows_only_ciphertext_and_the_app_reads_the_text(hurt, couple, therapist):
    markers = (
        write_everything(hurt, couple, "CANARY7")
        | write_therapist_note(therapist, couple, "CANARY7")
        | write_therapist_label(therapist, couple, "CANARY7")
    )
    assert {key.rsplit(".", 1)[0] for key in markers} >= MUST_BE_ENCRYPTED.keys()

    for model, fields in encrypted_field_columns():
        for field in fields:
            key = f"{model._meta.label_lower}.{field.name}"
            stored = [value for value in raw_values(model._meta.label, field.name) if value]
            assert stored, key
            for value in stored:
                assert value.startswith(TOKEN_PREFIX), key
                assert "CANARY7" not in value, key

    answer = Answer.objects.get(author=hurt)
    assert answer.win_text == markers["checkins.answer.win_text"]
    assert JournalEntry.objects.get().text == markers["together.journalentry.text"]


@pytest.mark.django_db
def test_rotating_keys_keeps_old_rows_readable_and_writes_with_the_new_key(hurt, couple):
    checkin = CheckIn.objects.create(couple=couple, week_start="2026-01-05")
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        old = Answer.objects.create(checkin=checkin, author=hurt, need_text="written last year")

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert Answer.objects.get(pk=old.pk).need_text == "written last year"
        old.need_text = "written today"
        old.save(update_fields=["need_text"])
        [stored] = raw_values("checkins.Answer", "need_text")
        assert Fernet(NEW_KEY).decrypt(stored.encode()) == b"written today"
        with pytest.raises(InvalidToken):
            Fernet(OLD_KEY).decrypt(stored.encode())


@pytest.mark.django_db
def test_rotate_command_re_encrypts_everything_so_the_old_key_can_go(hurt, couple):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        markers = write_everything(hurt, couple, "ROTATE")

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]), pytest.raises(ImproperlyConfigured):
        # Dropping the old key too early fails loudly; it never shows a token.
        JournalEntry.objects.get().text  # noqa: B018

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        out = io.StringIO()
        call_command("rotate_field_keys", stdout=out)
        assert "Re-encrypted" in out.getvalue()

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert JournalEntry.objects.get().text == markers["together.journalentry.text"]
        for value in raw_values("together.GoalChange", "steps"):
            assert b"ROTATE" in Fernet(NEW_KEY).decrypt(value.encode())


@pytest.mark.django_db
def test_encrypted_text_cannot_be_searched_in_sql_by_mistake(hurt, couple):
    checkin = CheckIn.objects.create(couple=couple, week_start="2026-01-05")
    Answer.objects.create(checkin=checkin, author=hurt, win_text="We laughed")

    # Whether something was written stays a plain SQL condition...
    assert Answer.objects.exclude(win_text="").count() == 1
    assert Answer.objects.filter(need_text="").count() == 1
    # ...but a comparison with a text would silently match nothing, so it is refused.
    with pytest.raises(FieldError, match="encrypted"):
        Answer.objects.filter(win_text="We laughed").count()
    with pytest.raises(FieldError):
        Answer.objects.filter(win_text__icontains="laugh").count()


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("not-a-fernet-key", "key number 1"),
        (f"{NEW_KEY},{NEW_KEY[:-4]}", "key number 2"),
    ],
    ids=["not a key", "second key cut short"],  # the same in every test process
)
def test_a_malformed_key_stops_the_app_at_startup(keys, message):
    result = manage("check", DJANGO_DEBUG="1", FIELD_ENCRYPTION_KEYS=keys)

    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS" in result.stderr
    assert message in result.stderr
    assert NEW_KEY[:-4] not in result.stderr  # a key is never printed


def test_production_refuses_to_start_without_keys():
    result = manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="s" * 60,
        DJANGO_ALLOWED_HOSTS="common-ground.example",
    )

    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS must be set" in result.stderr
