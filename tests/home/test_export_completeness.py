"""Every model keyed to a person or a couple says where its data goes: into the
person's copy (an Export in some app's personal_data module) or deliberately not
(NOT_EXPORTED, with the reason). A model added without an entry fails here."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from accounts.models import Couple, User
from home.data_rights import PERSONAL_DATA, unaccounted
from pacing.models import Exercise

ENTRIES = [
    pytest.param(module, model, id=model._meta.label)
    for module in PERSONAL_DATA
    # In a fixed order: each test process collects the same list.
    for model in sorted(
        {export.model for export in module.EXPORTS} | set(module.NOT_EXPORTED),
        key=lambda model: model._meta.label,
    )
]


def without(module, model) -> SimpleNamespace:
    """The module as it would be had nobody written an entry for `model`."""
    return SimpleNamespace(
        EXPORTS=tuple(export for export in module.EXPORTS if export.model is not model),
        NOT_EXPORTED={m: reason for m, reason in module.NOT_EXPORTED.items() if m is not model},
    )


def test_every_model_keyed_to_a_person_or_a_couple_is_exported_or_left_out_on_purpose():
    assert unaccounted() == []


@pytest.mark.parametrize(("module", "model"), ENTRIES)
def test_the_check_fails_when_an_entry_is_missing(module, model):
    registry = [without(module, model) if each is module else each for each in PERSONAL_DATA]

    assert unaccounted(registry) == [model._meta.label]


@isolate_apps("home")
def test_the_check_fails_on_a_new_model_without_an_entry():
    class Diary(models.Model):  # noqa: DJ008
        author = models.ForeignKey(User, on_delete=models.CASCADE)

        class Meta:
            app_label = "home"

    class CoupleRitual(models.Model):  # noqa: DJ008
        couple = models.OneToOneField(Couple, on_delete=models.CASCADE)

        class Meta:
            app_label = "home"

    class ExerciseTag(models.Model):  # noqa: DJ008 (keyed to neither: nobody's data)
        exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE)

        class Meta:
            app_label = "home"

    found = unaccounted(models=[*apps.get_models(), Diary, CoupleRitual, ExerciseTag])

    assert found == ["home.CoupleRitual", "home.Diary"]


def test_no_model_is_both_exported_and_left_out():
    exported = {export.model for module in PERSONAL_DATA for export in module.EXPORTS}
    left_out = {model for module in PERSONAL_DATA for model in module.NOT_EXPORTED}

    assert exported & left_out == set()


def test_every_model_left_out_says_why():
    for module in PERSONAL_DATA:
        for model, reason in module.NOT_EXPORTED.items():
            assert len(reason.split()) >= 5, model._meta.label


def test_every_section_is_read_by_the_person_it_belongs_to():
    """Each section filters on a key to the person (the author, the proposer...), so a
    copy can only ever hold rows that are theirs."""
    for module in PERSONAL_DATA:
        for export in module.EXPORTS:
            if export.model is User:
                assert export.person == "pk"
                continue
            field = export.model._meta.get_field(export.person)
            assert field.is_relation and field.related_model is User, export.key


def test_section_keys_are_unique():
    keys = [export.key for module in PERSONAL_DATA for export in module.EXPORTS]

    assert len(keys) == len(set(keys))
