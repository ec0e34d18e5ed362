"""The couples on a page of the therapist's list, as HTML built in Python.

A summary is some eighty elements (facts, flags, six trend lines); through the
template engine each cost a couple of milliseconds, here a small part of one. The
fixed words are translated and escaped once per language; every value is escaped
where it comes in (the partners' names are the only words from people here, and
nothing anyone wrote is ever part of a summary).
"""

from functools import lru_cache
from types import SimpleNamespace

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from accounts.models import Role
from pacing.models import TIER_NAMES

from .dashboard import RATINGS, AgreementStatus, CoupleSummary, Flag, PartnerSummary, Trend


def couple_rows(summaries: list[CoupleSummary]) -> SafeString:
    """One `<li>` per summary, completed by `dashboard.add_trends`."""
    words = _words(get_language())
    return mark_safe("".join(_row(summary, words) for summary in summaries))


@lru_cache(maxsize=8)
def _words(language: str) -> SimpleNamespace:
    """The fixed words of a summary in `language` (the active one), escaped."""
    ratings_head = "".join(f'<th scope="col">{escape(label)}</th>' for _name, label in RATINGS)
    return SimpleNamespace(
        language=language,
        flags={flag: escape(flag.label) for flag in Flag},
        needs_attention=escape(_("Needs attention")),
        checkins=escape(_("Check-ins kept")),
        kept=escape(_("%(short)s of the last 4 weeks · %(long)s of the last 12")),
        last_on=escape(_("last on %(date)s")),
        triggers=escape(_("Shared triggers, last 14 days")),
        none=escape(_("None")),
        trends={trend: escape(trend.label) for trend in Trend},
        intensity=escape(_("Intensity %(trend)s (the four weeks before: %(before)s)")),
        agreement=escape(_("Agreement")),
        version=escape(_("Version %(number)s, since %(date)s")),
        no_version=escape(_("No version agreed yet")),
        proposal=escape(_("A proposal is waiting")),
        overdue=escape(_("Review overdue (due %(date)s)")),
        due=escape(_("Review due since %(date)s")),
        next_review=escape(_("Next review %(date)s")),
        csi=escape(_("Latest CSI-4 (0 to 21)")),
        not_answered=escape(_("not answered")),
        below_cutoff=escape(_("below cut-off")),
        tier=escape(_("Open tier")),
        tier_value=escape(_("%(tier)s, %(name)s")),
        tier_names={tier: escape(name) for tier, name in TIER_NAMES.items()},
        ceiling=escape(_("Your ceiling: tier %(ceiling)s")),
        roles={role: escape(role.label) for role in Role},
        # Plain text, for the trend lines' labels (Sparkline.svg escapes them).
        rating_texts=[str(label) for _name, label in RATINGS],
        spark_text=_("%(rating)s, %(name)s, kept weeks of the last 12: %(values)s"),
        table_head=(
            '<table class="ratings-table"><caption>'
            f"{escape(_('Latest check-in ratings (0 to 10), with the last 12 weeks'))}"
            f'</caption><thead><tr><th scope="col">{escape(_("Partner"))}</th>'
            f"{ratings_head}</tr></thead><tbody>"
        ),
        since=escape(_("Sharing with you since %(date)s")),
        started=escape(_("Started %(date)s")),
    )


def _row(s: CoupleSummary, w: SimpleNamespace) -> str:
    partners = [(p, escape(p.name)) for p in s.partners]
    flags = ""
    if s.flags:
        items = "".join(f'<li class="flag">{w.flags[flag]}</li>' for flag in s.flags)
        flags = f'<ul class="flags" aria-label="{w.needs_attention}">{items}</ul>'
    name = " &amp; ".join(html_name for _p, html_name in partners)
    url = reverse("therapists:couple_detail", args=[s.couple_id])
    return (
        f'<li class="card couple-summary{" needs-attention" if s.flags else ""}">'
        f'<h3><a href="{url}">{name}</a></h3>{_tag(s, w)}{flags}<dl class="facts">'
        f"{_fact(w.checkins, _checkins(s, w))}"
        f"{_fact(w.triggers, _triggers(s, w))}"
        f"{_fact(w.agreement, _agreement(s.agreement, w))}"
        f"{_fact(w.csi, _csi(partners, w))}"
        f"{_fact(w.tier, _tier(s, w))}"
        f"</dl>{w.table_head}{''.join(_ratings_row(p, name, w) for p, name in partners)}"
        "</tbody></table>"
        f'<p class="muted">{w.since % {"date": _date(s.access_since, "j F Y", w)}}</p></li>'
    )


def _tag(s: CoupleSummary, w: SimpleNamespace) -> str:
    """The therapist's label, or the day the couple's space began."""
    tag = escape(s.label) if s.label else w.started % {"date": _date(s.created_at, "j M Y", w)}
    return f'<p class="couple-tag muted">{tag}</p>'


def _fact(term: str, description: str) -> str:
    return f"<div><dt>{term}</dt><dd>{description}</dd></div>"


def _date(moment, fmt: str, w) -> str:
    """As the template's `date` filter shows it, in the viewer's time zone; escaped."""
    return _local_day(localtime(moment).date(), fmt, w.language) if moment else ""


# Formatting dates and decimals the way the templates do costs more than the rest of a
# summary; the same few values recur from row to row and request to request.
@lru_cache(maxsize=1024)
def _local_day(day, fmt: str, language: str) -> str:
    return escape(date_format(day, fmt))


@lru_cache(maxsize=1024)
def _one_decimal(value: float, language: str) -> str:
    return escape(floatformat(value, 1))


def _checkins(s: CoupleSummary, w) -> str:
    kept = w.kept % {"short": s.kept_short, "long": s.kept_long}
    if not s.last_checkin:
        return kept
    last = w.last_on % {"date": _date(s.last_checkin, "j M Y", w)}
    return f'{kept}<br><span class="muted">{last}</span>'


def _triggers(s: CoupleSummary, w) -> str:
    if s.triggers_recent:
        count = ngettext(
            "%(counter)s trigger, average intensity %(average)s",
            "%(counter)s triggers, average intensity %(average)s",
            s.triggers_recent,
        )
        average = _one_decimal(s.intensity_recent, w.language)
        text = escape(count) % {"counter": s.triggers_recent, "average": average}
    else:
        text = w.none
    trend = s.trigger_trend
    if trend is None:
        return text
    before = _one_decimal(s.intensity_before, w.language)
    change = w.intensity % {"trend": w.trends[trend], "before": before}
    return f'{text}<br><span class="trend trend-{trend.value}">{change}</span>'


def _agreement(a: AgreementStatus, w) -> str:
    if a.current_number:
        text = w.version % {
            "number": a.current_number,
            "date": _date(a.current_since, "j M Y", w),
        }
    else:
        text = w.no_version
    if a.open_proposal:
        text += f"<br>{w.proposal}"
    due = {"date": _date(a.next_review, "j M", w)}
    if a.review_overdue:
        text += f"<br><strong>{w.overdue % due}</strong>"
    elif a.review_due:
        text += f"<br>{w.due % due}"
    elif a.next_review:
        text += f'<br><span class="muted">{w.next_review % due}</span>'
    return text


def _csi(partners: list[tuple[PartnerSummary, str]], w) -> str:
    lines = []
    for p, name in partners:
        if p.csi_total is None:
            lines.append(f"{name}: {w.not_answered}")
        elif p.csi_below_cutoff:
            badge = f'<span class="badge">{w.below_cutoff}</span>'
            lines.append(f"{name}: {p.csi_total} {badge}")
        else:
            lines.append(f"{name}: {p.csi_total}")
    return "<br>".join(lines)


def _tier(s: CoupleSummary, w) -> str:
    tier = w.tier_value % {"tier": s.tier, "name": w.tier_names[s.tier]}
    if s.ceiling is None:
        return tier
    return f'{tier}<br><span class="muted">{w.ceiling % {"ceiling": s.ceiling}}</span>'


def _ratings_row(p: PartnerSummary, name: str, w) -> str:
    cells = []
    for label, rating in zip(w.rating_texts, p.ratings, strict=True):
        spark = rating.spark
        line = ""
        if not spark.is_empty:
            values = ", ".join(map(str, spark.values))
            line = spark.svg(w.spark_text % {"rating": label, "name": p.name, "values": values})
        latest = "–" if rating.latest is None else rating.latest
        cells.append(f'<td class="rating-{p.role}"><span class="latest">{latest}</span>{line}</td>')
    return (
        f'<tr><th scope="row">{name}<span class="visually-hidden">, '
        f"{w.roles[p.role]}</span></th>{''.join(cells)}</tr>"
    )
