"""Every user-facing string in the page templates goes through translation."""

import re
from pathlib import Path

from django.conf import settings

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
        if relative.parts[0] != "emails" and str(relative) not in SKIPPED:
            yield relative, path


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
