"""Gentle wording hints (the list is recovery/gentle.py): the server's twin of
static/js/gentle.js, for a form sent without JavaScript.

After such a form is saved, the next page says once, as a quiet message, what kind of
wording was noticed and a gentler way to say it. It never repeats the words, never
blocks the save, and nothing of it is kept: no field, no log line.
"""

from django.contrib import messages
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recovery import gentle

# static/js/gentle.js adds this field to the forms it watches: the hint was already
# offered while writing, so the server does not repeat it.
SHOWN_WHILE_WRITING = "gentle_hint_shown"


def wants_hints(user) -> bool:
    return user.is_authenticated and user.gentle_hints


def offer_gentle_hint(request, *texts: str) -> None:
    """Call after saving what `texts` came from."""
    if not wants_hints(request.user) or request.htmx or request.POST.get(SHOWN_WHILE_WRITING):
        return
    pattern = gentle.first_match("\n".join(texts), get_language())
    if pattern is not None:
        messages.info(request, hint_message(pattern))


def hint_message(pattern: gentle.Pattern) -> str:
    return _("A gentle thought for next time: %(kind)s %(gentler)s") % {
        "kind": pattern.kind,
        "gentler": pattern.gentler,
    }
