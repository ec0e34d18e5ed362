"""In Spanish, nothing in English: every page as each person, and every email.

The security world (tests/security/world.py) is built with everyone's language set
to Spanish. Every page of the authorization matrix is fetched as the hurt partner,
the involved partner and their therapist (and, signed out, with a Spanish browser),
and every kind of email is sent. No English source string of the catalogue may show
in what a person reads: the visible text, and the aria-label, title, placeholder and
alt attributes. Dates are written the Spanish way (no English month or day names,
Spanish month names where dates show).

The same crawl checks that everything a person wrote is shown with `dir="auto"`, so
words written right to left show right to left: each leak-canary marker a person may
see sits in an element (or inside one) that has it.
"""

import html
import re
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from accounts.models import User

from ..security.routes import case_keys, case_url
from ..security.test_leak_canaries import email_producers, email_text
from ..security.world import build, sign_in_everyone
from .test_translations import catalogue

LANGUAGE = "es"
PERSONAS = ("author", "partner", "therapist")  # hurt partner, involved partner, therapist
# Words the app never translates.
NAMES = {"Common Ground"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|%[sd]|\{\{.*?\}\}|\{\w*\}|<[^>]*>|\n")
ENGLISH_DATES = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
SPANISH_MONTHS = re.compile(
    r"\b(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre"
    r"|diciembre)\b|\b(?:Ene|Feb|Mar|Abr|May|Jun|Jul|Ago|Sep|Oct|Nov|Dic)\.?\b",
    re.IGNORECASE,
)
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
# What a person typed, shown back in a form: theirs, not the app's words.
TYPED = ("textarea",)


def _long_enough(fragment: str) -> bool:
    """Long enough to be a real English phrase on a Spanish page, not a chance hit
    ("OK", a name)."""
    return len(fragment.split()) >= 2 or len(re.sub(r"[^A-Za-z]", "", fragment)) >= 8


def english_source_strings(code: str = LANGUAGE) -> list[str]:
    """The English phrases of the catalogue that the language writes differently:
    each msgid cut at its placeholders, tags and line breaks."""
    phrases = set()
    for entry in polib.pofile(str(catalogue(code))):
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if msgid in translations:
                continue
            for fragment in PLACEHOLDER.split(msgid):
                fragment = " ".join(fragment.split()).strip(" .,:;!?·–—()“”\"'")
                if (
                    _long_enough(fragment)
                    and fragment not in NAMES
                    and not any(fragment in " ".join(t.split()) for t in translations)
                ):
                    phrases.add(fragment)
    return sorted(phrases)


class Page(HTMLParser):
    """The text a person reads on a page, and where written words lack dir="auto"."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    VOID |= {"source", "track", "wbr", "param"}
    HIDDEN = {"script", "style", "head", "template"}

    def __init__(self, markers=()):
        super().__init__(convert_charrefs=True)
        self.markers = markers
        self.stack: list[tuple[str, bool]] = []
        self.words: list[str] = []
        self.without_dir: set[str] = set()

    def _auto(self) -> bool:
        return any(auto for _tag, auto in self.stack)

    def _hidden(self) -> bool:
        return any(tag in self.HIDDEN for tag, _auto in self.stack)

    def _typed(self) -> bool:
        return any(tag in TYPED for tag, _auto in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        auto = attrs.get("dir") == "auto"
        if not self._hidden() and not self._auto() and not auto:
            for name in ATTRIBUTES:
                if attrs.get(name):
                    self.words.append(attrs[name])
            for value in filter(None, attrs.values()):
                if tag not in ("meta", "link") and not (auto or self._auto()):
                    self.without_dir |= {m for m in self.markers if m in value}
        if tag not in self.VOID:
            self.stack.append((tag, auto))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self._hidden():
            return
        if self._auto():
            return  # someone's writing, in whatever language they wrote it
        self.without_dir |= {m for m in self.markers if m in data}
        if not self._typed():
            self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


def english_in(text: str, phrases: list[str]) -> list[str]:
    return [
        phrase
        for phrase in phrases
        if phrase in text and re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)
    ]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The security world, everyone's language Spanish. What the app writes for them
    when it creates something (the agreement's first draft) is written in Spanish."""
    with (
        override_settings(THERAPIST_MFA_REQUIRED=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
        translation.override(LANGUAGE),
    ):
        world = build()
        User.objects.update(language=LANGUAGE)
        for person in world.people.values():
            person.refresh_from_db(fields=["language"])
        sign_in_everyone(world)
        yield world
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def phrases():
    return english_source_strings()


def test_the_check_finds_english():
    page = Page(markers=("CANARY-x",))
    page.feed(
        '<main><h1>Tu espacio</h1><p aria-label="Your partner">x</p><script>var a = "Hello there";'
        '</script><p>CANARY-x</p><p dir="auto">CANARY-y</p>'
        "<textarea>Words I typed</textarea></main>"
    )
    assert page.text == "Tu espacio Your partner x CANARY-x"
    assert page.without_dir == {"CANARY-x"}
    assert english_in("Open your space now", ["your space"]) == ["your space"]
    assert english_in("Open yourspace", ["your space"]) == []


def pages(world, actor):
    """(what, html) of every page of the matrix this person can open, as a page and as
    the fragment htmx asks for."""
    extra = {"HTTP_ACCEPT_LANGUAGE": LANGUAGE} if actor == "anonymous" else {}
    for key in case_keys():
        route, url = case_url(world, key)
        if route.is_admin:
            continue
        for htmx in (False, True):
            response = world.request(actor, "GET", url, htmx=htmx, fresh=True, **extra)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            yield f"{url}{' (htmx)' if htmx else ''}", response.content.decode()


@pytest.mark.parametrize("actor", (*PERSONAS, "anonymous"))
def test_every_page_is_in_spanish(world, db, phrases, actor):
    markers = [m for m in world.markers if world.may_see(actor, m)]
    english, english_dates, no_dir, with_months, seen = {}, {}, {}, [], 0
    for url, content in pages(world, actor):
        seen += 1
        page = Page(markers)
        page.feed(content)
        text = html.unescape(page.text)
        if found := english_in(text, phrases):
            english[url] = found
        if found := ENGLISH_DATES.findall(text):
            english_dates[url] = found
        if SPANISH_MONTHS.search(text):
            with_months.append(url)
        if page.without_dir:
            no_dir[url] = sorted(page.without_dir)

    assert seen > (4 if actor == "anonymous" else 60)
    assert {
        "english": english,
        "english_dates": english_dates,
        "without_dir_auto": no_dir,
        "spanish_months_shown": bool(with_months) or actor == "anonymous",
    } == {
        "english": {},
        "english_dates": {},
        "without_dir_auto": {},
        "spanish_months_shown": True,
    }


def test_every_email_is_in_spanish(world, db, phrases):
    producers = email_producers(world)
    english, texts = {}, {}
    for name, produce in producers.items():
        mail.outbox.clear()
        with transaction.atomic():
            produce()
            transaction.set_rollback(True)
        assert mail.outbox, f"{name} sent nothing"
        for message in mail.outbox:
            page = Page()
            page.feed(email_text(message))
            text = html.unescape(page.text)
            texts[name] = text
            if found := english_in(text, phrases) + ENGLISH_DATES.findall(text):
                english[name] = found
    assert english == {}
    # The invitation says until when its link works: a Spanish date.
    assert SPANISH_MONTHS.search(texts["invitation"])


def test_the_language_is_spanish_for_every_persona(world):
    assert {p.language for p in world.people.values()} == {LANGUAGE}
    assert LANGUAGE in dict(settings.LANGUAGES)
