"""Demo people: a couple to explore, an outsider couple and a therapist."""

from allauth.account.models import EmailAddress

from .models import Couple, Membership, Role, User

PEOPLE = {
    "hurt": ("hurt@demo.test", "Sam", "Europe/London"),
    "involved": ("involved@demo.test", "Alex", "Europe/London"),
    "outsider1": ("outsider1@demo.test", "Robin", "America/New_York"),
    "outsider2": ("outsider2@demo.test", "Jamie", "America/New_York", "es"),
    "therapist": ("therapist@demo.test", "Dr. Morgan Lee", "Europe/London"),
}


def _person(email, name, zone, language="en", *, password, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"display_name": name, "timezone": zone, "language": language, **extra},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _couple(first: User, second: User) -> Couple:
    existing = Membership.objects.active().filter(user=first).select_related("couple").first()
    if existing:
        return existing.couple
    couple = Couple.start(first, Role.HURT)
    Membership.objects.create(couple=couple, user=second, role=Role.INVOLVED)
    return couple


def seed_people(password: str) -> dict[str, User]:
    people = {
        key: _person(*details, password=password, is_therapist=(key == "therapist"))
        for key, details in PEOPLE.items()
    }
    _couple(people["hurt"], people["involved"])
    _couple(people["outsider1"], people["outsider2"])
    return people
