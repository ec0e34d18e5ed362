"""Signals for the apps built on accounts, which it must not import."""

from django.dispatch import Signal

# Sent inside the transaction that closes a couple's space: `couple`, and `by`, the
# person who left or deleted their account (None when nobody in particular did).
space_closed = Signal()
