"""Who the bench people are (plain Python: the load driver needs it without Django)."""

PASSWORD = "bench-pass-2026"
DOMAIN = "bench.invalid"


def email_for(role: str, index: int, prefix: str = "") -> str:
    return f"{prefix}{role}-{index:05d}@{DOMAIN}"
