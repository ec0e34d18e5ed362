"""Building repairs the way people do, step by step."""

from accounts.models import Membership
from repair.models import Origin, Repair


def member(user) -> Membership:
    return Membership.objects.select_related("couple", "user").get(
        user=user, couple__ended_at__isnull=True, left_at__isnull=True
    )


def first_step(who: str) -> dict:
    return {
        "feelings": ["hurt", "alone"],
        "feelings_words": f"{who} felt small",
        "what_it_was_like": f"{who}: it was like the floor went away",
    }


def listened(who: str) -> dict:
    return {"heard": f"{who} heard that it was frightening"}


def own_part(who: str) -> dict:
    return {
        "my_part": f"{who}: my silence left you alone with it",
        "next_time": f"{who}: I will stay in the room",
        "need": f"{who}: a hand on my shoulder",
    }


def both_finish(sam, alex, origin=Origin.OWN, **origin_objects) -> Repair:
    """A repair both partners wrote and finished, in the order the listening step asks."""
    repair, _created = Repair.start(sam, origin, **origin_objects)
    repair.save_side(sam, first_step("sam"))
    repair.save_side(alex, first_step("alex") | listened("alex") | own_part("alex"), finish=True)
    repair.save_side(sam, listened("sam") | own_part("sam"), finish=True)
    repair.refresh_from_db()
    return repair
