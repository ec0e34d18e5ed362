"""The gentle-wording list (recovery/gentle.py) as a table: what each entry notices,
and kind sentences it must leave alone."""

import re

import pytest
from django.conf import settings

from recovery import gentle

# (text, the entry that notices it)
NOTICED = [
    ("You always do this when I'm upset.", "always"),
    ("you're always on your phone", "always"),
    ("You are always late and I'm tired of it", "always"),
    ("Why do you always", "always"),
    ("You never listen to me.", "never"),
    ("You’re never home before ten.", "never"),
    ("you never even asked how I was", "never"),
    ("Calm down.", "calm_down"),
    ("I was talking and you need to calm down", "calm_down"),
    ("Can you calm down for a second", "calm_down"),
    ("OK. Calm down, it's fine", "calm_down"),
    ("Honestly you're overreacting.", "calm_down"),
    ("You are being dramatic about a text", "calm_down"),
    ("you're way too sensitive", "calm_down"),
    ("It was just a text.", "minimising"),
    ("it's only lunch with a friend", "minimising"),
    ("That was just talking, nothing more", "minimising"),
    ("It was just a stupid mistake", "minimising"),
    ("She meant nothing to me.", "minimising"),
    ("It didn't mean anything", "minimising"),
    ("it didn’t mean anything", "minimising"),
    ("You need to get over it.", "hurrying"),
    ("Can't you just move on", "hurrying"),
    ("why can't you let it go", "hurrying"),
    ("That's in the past now.", "hurrying"),
    ("You should be over this by now", "hurrying"),
    ("How long are you going to punish me?", "hurrying"),
    ("I'm sorry, but you were shouting too.", "apology_but"),
    ("I am sorry about dinner but I was tired", "apology_but"),
    ("Sorry. But you knew I'd be late.", "apology_but"),
    ("I apologise but I had no choice", "apology_but"),
    ("I'm sorry if you felt hurt.", "conditional_apology"),
    ("sorry if that upset you", "conditional_apology"),
    ("I'm sorry you feel that way.", "conditional_apology"),
    ("I'm sorry that you're upset", "conditional_apology"),
    ("It's your fault we are here.", "blame"),
    ("that was all your fault", "blame"),
    ("You made me do it.", "blame"),
    ("you made me feel like this", "blame"),
    ("You pushed me into it", "blame"),
    ("You need to trust me.", "pressure"),
    ("Why can't you just forgive me?", "pressure"),
    ("Please, just trust me on this", "pressure"),
    ("you have to forgive me", "pressure"),
    # Across lines: each line is its own start.
    ("I hear you.\nCalm down and we'll talk", "calm_down"),
]

# Warm sentences that share words with the list and must not be noticed.
LEFT_ALONE = [
    "You always make me laugh.",
    "you always make me feel safe",
    "You're always there for me.",
    "You always know how to make it better.",
    "I never want to lose you.",
    "You never gave up on us.",
    "You never let me down when it counted.",
    "You'll see: you never have to wonder where I am.",
    "I always try to be home by six.",
    "I need to calm down before we talk.",
    "A walk helps me calm down.",
    "You know how to calm me down.",
    "You're not overreacting. It makes sense.",
    "I was overreacting last night.",
    "I'll be home just now.",
    "It was just what I needed.",
    "That is just right.",
    "It was just a lovely evening.",
    "It's just that I'm tired tonight.",
    "It was just now that I understood.",
    "I want us to move on together, at your pace.",
    "I'm learning to let it go, slowly.",
    "We'll get past this together.",
    "I'm sorry I lied to you.",
    "I'm sorry that I hurt you. I see it.",
    "I'm sorry. I'm here, and I'm not going anywhere.",
    "I'm sorry you had to find out that way.",
    "It's not your fault.",
    "It was my fault, not yours.",
    "You made me feel safe today.",
    "You made me laugh at dinner.",
    "I know trust takes time, and I'll keep earning it.",
    "I'm not asking you to forgive me.",
    "Nothing but love from me.",
    "Thank you for the butterflies.",
    "",
]


@pytest.mark.parametrize(("text", "key"), NOTICED)
def test_each_entry_notices_its_wording(text, key):
    match = gentle.first_match(text, "en")

    assert match is not None and match.key == key


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_kind_sentences_are_left_alone(text):
    assert gentle.first_match(text, "en") is None


def test_every_entry_has_an_example_in_the_table():
    assert {key for _text, key in NOTICED} == {p.key for p in gentle.patterns_for("en")}


@pytest.mark.parametrize(("code", "_name"), settings.LANGUAGES)
def test_every_language_the_app_ships_has_entries(code, _name):
    entries = gentle.patterns_for(code)

    assert entries
    assert len({p.key for p in entries}) == len(entries)
    for pattern in entries:
        assert pattern.kind.strip() and pattern.gentler.strip()


def test_a_regional_code_uses_its_language_and_an_unknown_one_gets_no_hints():
    assert gentle.patterns_for("en-gb") == gentle.patterns_for("en")
    assert gentle.patterns_for("xx") == ()
    assert gentle.first_match("You always do this", "xx") is None


# Syntax that Python's `re` reads and JavaScript's RegExp does not (or reads otherwise).
PYTHON_ONLY = [r"\(\?P", r"\(\?<", r"\(\?[aiLmsux]", r"\\[AZz]", r"[*+?}]\+", r"\(\?>", r"\\[pP]\{"]


@pytest.mark.parametrize("pattern", gentle.ENGLISH, ids=lambda p: p.key)
def test_patterns_keep_to_what_python_and_javascript_share(pattern):
    for phrase in pattern.phrases:
        re.compile(phrase)
        for syntax in PYTHON_ONLY:
            assert not re.search(syntax, phrase), (pattern.key, syntax)


def test_the_browser_gets_the_same_entries():
    sent = gentle.for_browser("en")

    assert [entry["key"] for entry in sent] == [p.key for p in gentle.ENGLISH]
    for entry, pattern in zip(sent, gentle.ENGLISH, strict=True):
        assert entry["source"] == pattern.source
        assert entry["flags"] == gentle.JS_FLAGS
        assert (entry["kind"], entry["gentler"]) == (pattern.kind, pattern.gentler)


# The Spanish entries, written for Spanish writers: (text, the entry that notices it).
NOTICED_ES = [
    ("Siempre haces lo mismo cuando estoy mal.", "always"),
    ("Nunca me escuchas.", "always"),
    ("Ya supéralo, por favor.", "hurrying"),
    ("Eso ya pasó.", "hurrying"),
    ("¿Hasta cuándo vas a castigarme?", "hurrying"),
    ("Lo siento, pero tú también gritaste.", "apology_but"),
    ("Perdón si te molestó.", "conditional_apology"),
    ("Siento que te sientas así.", "conditional_apology"),
    ("Fue tu culpa.", "blame"),
    ("Tú me hiciste mentir.", "blame"),
    ("Tienes que confiar en mí.", "pressure"),
    ("¿Por qué no puedes perdonarme?", "pressure"),
]
LEFT_ALONE_ES = [
    "Siempre me haces reír.",
    "Gracias por escucharme anoche.",
    "Lo siento. Me equivoqué y veo que te dolió.",
    "Me sentí sola cuando llegaste tarde. Necesito que me avises.",
]


@pytest.mark.parametrize(("text", "key"), NOTICED_ES)
def test_each_spanish_entry_notices_its_wording(text, key):
    match = gentle.first_match(text, "es")

    assert match is not None and match.key == key


@pytest.mark.parametrize("text", LEFT_ALONE_ES)
def test_kind_spanish_sentences_are_left_alone(text):
    assert gentle.first_match(text, "es") is None


def test_every_spanish_entry_has_an_example_and_keeps_to_shared_syntax():
    assert {key for _text, key in NOTICED_ES} == {p.key for p in gentle.SPANISH}
    for pattern in gentle.SPANISH:
        for phrase in pattern.phrases:
            for syntax in PYTHON_ONLY:
                assert not re.search(syntax, phrase), (pattern.key, syntax)
