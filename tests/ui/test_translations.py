"""Every user-facing string goes through translation, and every shipped language has
all of them translated.

- Templates (pages and emails) and HTML built in Python have no bare text.
- Each language of LANGUAGES but English has a catalogue (locale/<code>/LC_MESSAGES/
  django.po) with no untranslated and no fuzzy entry, whose compiled django.mo holds
  the same translations, and whose msgids are exactly those the code has today
  (`make messages` brings it up to date).
"""

import ast
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from ..conftest import require

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The product's name is not translated; the 500 page is plain HTML on purpose (it must
# render even when the template engine cannot).
ALLOWED = {"Common Ground"}
SKIPPED = {"500.html"}

REMOVED = [
    r"{#.*?#}",
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}",
    r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}",
    r"<(script|svg)\b.*?</\1>",
    r"{%.*?%}",
    r"{{.*?}}",
]


def untranslated(text: str) -> list[str]:
    for pattern in REMOVED:
        text = re.sub(pattern, " ", text, flags=re.S)
    found = [
        attribute
        for attribute, value in re.findall(r'\b(aria-label|title|placeholder|alt)="([^"]*)"', text)
        if re.search(r"[A-Za-z]{2,}", value)
    ]
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z'’]+(?: [A-Za-z'’]+)*", text)
    return found + [w for w in words if w not in ALLOWED]


def page_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES)
        if str(relative) not in SKIPPED:
            yield relative, path


def email_text_templates():
    """The plain-text parts and subjects of emails: every line of words is text."""
    return sorted((TEMPLATES / "emails").glob("*.txt"))


def test_the_check_finds_plain_text():
    assert untranslated('<p>Hello there</p><a aria-label="Main">x</a>') == [
        "aria-label",
        "Hello there",
    ]
    assert untranslated('<p>{% translate "Hello" %} {{ name }}</p>') == []


def test_page_templates_have_no_untranslated_text():
    found = {
        str(relative): words
        for relative, path in page_templates()
        if (words := untranslated(path.read_text()))
        # A block name, e.g. {% block body_class %}print-page{% endblock %}, is not text.
        and not all(re.fullmatch(r"[a-z]+(-[a-z]+)*", w) for w in words)
    }
    assert found == {}


def test_email_text_parts_have_no_untranslated_text():
    found = {
        path.name: words
        for path in email_text_templates()
        if (words := untranslated(path.read_text().replace("<", "&lt;")))
    }
    assert found == {}


# Python that builds HTML: its markup belongs in a template, and its words in gettext.
APP_DIRS = sorted(
    path.parent
    for path in Path(settings.BASE_DIR).glob("*/apps.py")
    if path.parent.name not in {"tests", "bench", "scripts"}
) + [Path(settings.BASE_DIR) / "recovery"]
# An element of HTML (not a URL pattern's "<int:pk>" nor a placeholder's "<verb>").
MARKUP = re.compile(
    r"</?(?:p|a|div|span|strong|em|b|i|br|ul|ol|li|h[1-6]|table|tr|td|th|button|form"
    r"|input|label|section|small|time|abbr|code|mark|img|svg|body|html)(?:\s[^>]*)?/?>"
)


def python_markup(source: str) -> list[str]:
    """Text in HTML that a Python module writes in its string literals (docstrings
    aside: they are read by people working on the code)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        word
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings and MARKUP.search(node.value)
        for word in untranslated(node.value)
    ]


def test_the_python_check_finds_markup_with_words():
    assert python_markup('x = "<p>Welcome back</p>"\n') == ["Welcome back"]
    assert python_markup('"""A <b>docstring</b>."""\nx = "</body>"\n') == []


def test_python_builds_no_html_with_words():
    found = {
        str(path.relative_to(settings.BASE_DIR)): words
        for app in APP_DIRS
        for path in sorted(app.rglob("*.py"))
        if "migrations" not in path.parts and (words := python_markup(path.read_text()))
    }
    assert found == {}


# The catalogues of the shipped languages.
LOCALE = Path(settings.BASE_DIR) / "locale"
SHIPPED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(code: str, root: Path = LOCALE) -> Path:
    return root / code / "LC_MESSAGES" / "django.po"


def catalogue_problems(po_path: Path) -> list[str]:
    """Entries a reader of that language would see in English (untranslated), or in a
    translation nobody confirmed (fuzzy)."""
    po = polib.pofile(str(po_path))
    problems = [f"untranslated: {entry.msgid!r}" for entry in po.untranslated_entries()]
    problems += [f"fuzzy: {entry.msgid!r}" for entry in po.fuzzy_entries()]
    return problems


def compiled_differences(po_path: Path) -> list[str]:
    """msgids whose translation in the committed .mo is not the one in the .po."""
    mo = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.mofile(str(po_path.with_suffix(".mo")))
    }
    po = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(po_path)).translated_entries()
    }
    return sorted(str(key[1]) for key in po.keys() | mo.keys() if po.get(key) != mo.get(key))


def test_every_shipped_language_has_a_catalogue():
    assert SHIPPED, "only English is configured"
    for code in SHIPPED:
        assert catalogue(code).exists(), f"run `make messages` after adding {code!r}"


@pytest.mark.parametrize("code", SHIPPED)
def test_shipped_catalogues_are_complete(code):
    assert catalogue_problems(catalogue(code)) == []


@pytest.mark.parametrize("code", SHIPPED)
def test_the_compiled_catalogue_matches_its_source(code):
    """The .mo is committed (nobody needs GNU gettext to get the translations); it must
    be the compiled .po of the same commit."""
    assert compiled_differences(catalogue(code)) == [], "run `make messages`"


def test_the_check_fails_on_a_broken_catalogue(tmp_path):
    broken = tmp_path / "django.po"
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    po.append(polib.POEntry(msgid="Saved.", msgstr="Guardado."))
    po.append(polib.POEntry(msgid="Your partner", msgstr=""))
    po.append(polib.POEntry(msgid="Open", msgstr="Abrir", flags=["fuzzy"]))
    po.save(str(broken))
    po.save_as_mofile(str(tmp_path / "django.mo"))

    assert catalogue_problems(broken) == ["untranslated: 'Your partner'", "fuzzy: 'Open'"]
    with pytest.raises(AssertionError):
        assert catalogue_problems(broken) == []
    # A .po changed after it was compiled.
    po[0].msgstr = "Listo."
    po.save(str(broken))
    assert compiled_differences(broken) == ["Saved."]


# What `make messages` leaves out of the catalogues.
NOT_EXTRACTED = {".venv", "staticfiles", "tests", "bench", "scripts", "docs", "locale"}


@pytest.mark.parametrize("code", SHIPPED)
def test_catalogues_hold_exactly_the_strings_of_the_code(code, tmp_path, monkeypatch):
    """The strings the code and templates have today, extracted afresh into a scratch
    catalogue, are those of the committed one: nothing new left out, nothing stale.

    makemessages writes next to the sources it reads, so it reads them through links
    in a scratch directory and the committed catalogues are never touched."""
    require(bool(shutil.which("xgettext")), "GNU gettext is missing: apt-get install gettext")
    sources = tmp_path / "sources"
    sources.mkdir()
    for path in Path(settings.BASE_DIR).iterdir():
        if path.name not in NOT_EXTRACTED and not path.name.startswith("."):
            (sources / path.name).symlink_to(path)
    monkeypatch.chdir(sources)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=[code], symlinks=True, verbosity=0)
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(catalogue(code, tmp_path / "locale")))}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(catalogue(code)))}
    assert sorted(fresh - committed, key=str) == [], "new strings: run `make messages`"
    assert sorted(committed - fresh, key=str) == [], "stale strings: run `make messages`"
