"""Plain builders for test data: real rows, no mocks."""

from allauth.account.models import EmailAddress

from accounts.models import Couple, Membership, Role, User

PASSWORD = "a-long-test-passphrase-2026"


def make_user(email: str, name: str = "", **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, display_name=name, **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_couple(hurt: User, involved: User, timezone: str = "UTC") -> Couple:
    couple = Couple.start(hurt, Role.HURT)
    couple.timezone = timezone
    couple.save(update_fields=["timezone"])
    Membership.objects.create(couple=couple, user=involved, role=Role.INVOLVED)
    return couple
