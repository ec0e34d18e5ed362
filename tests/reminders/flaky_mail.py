"""An email backend whose first send fails like an unreachable SMTP server."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.locmem import EmailBackend

failures_left = 0


class FlakyBackend(EmailBackend):
    def send_messages(self, messages):
        global failures_left
        if failures_left > 0:
            failures_left -= 1
            raise SMTPServerDisconnected("connection unexpectedly closed")
        return super().send_messages(messages)
