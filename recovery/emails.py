"""One helper builds every email from subject / text / html templates.

Emails are discreet by design: templates receive only links and neutral facts,
never anything a person wrote.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def send_templated_email(
    to: str,
    template: str,
    context: dict | None = None,
    headers: dict | None = None,
    language: str | None = None,
) -> None:
    """Subject, text and HTML in `language` (the recipient's), whatever the language of
    the request or task that sends it; the site's default when none is given."""
    with translation.override(language or settings.LANGUAGE_CODE):
        _send(to, template, {"site_url": settings.SITE_URL, **(context or {})}, headers)


def _send(to: str, template: str, context: dict, headers: dict | None) -> None:
    subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)
    if context.get("unsubscribe_url"):
        text += render_to_string("emails/_footer.txt", context)
        html = html.replace("</body>", render_to_string("emails/_footer.html", context) + "</body>")
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    message.send()
