"""Therapist codes: short, easy to read aloud, hard to guess.

Eight characters from an alphabet without 0/O and 1/I, shown as XXXX-XXXX.
32 ** 8 is about 10 ** 12 codes, so guessing one is not practical.
"""

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(raw: str) -> str:
    """What someone typed ("abcd-2345 ", "ABCD 2345") as the stored form."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"
