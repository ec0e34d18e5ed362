"""Starting, listening, finishing, withdrawing, the reminder, the plan; and invalid
input answered with a form error or a 404, never a 500, nothing duplicated."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone as tz

from notices.models import Kind, Notice
from repair.models import PlanChange, Repair, RepairError, RepairSide, StalePlan
from together.models import Pause

from ..conftest import client_for
from .builders import both_finish, first_step, listened, own_part


def kinds_for(user) -> list[str]:
    return list(Notice.objects.filter(recipient=user).values_list("kind", flat=True))


def test_starting_tells_the_partner_and_a_second_start_finds_the_open_one(sam, alex, involved):
    repair, created = Repair.start(sam, "own")
    again, created_again = Repair.start(alex, "own")
    assert created and not created_again
    assert again == repair
    assert Repair.objects.count() == 1
    assert kinds_for(involved) == [Kind.REPAIR_WAITING]


def test_listening_comes_first(sam, alex):
    repair, _created = Repair.start(sam, "own")
    with pytest.raises(RepairError, match="nothing to listen to"):
        repair.save_side(sam, first_step("sam") | listened("sam"))
    repair.save_side(alex, first_step("alex"))
    with pytest.raises(RepairError, match="Listening comes first"):
        repair.save_side(sam, first_step("sam") | own_part("sam"))
    repair.save_side(sam, first_step("sam") | listened("sam") | own_part("sam"), finish=True)
    assert RepairSide.objects.get(author=sam.user).is_finished


def test_the_second_to_finish_opens_it_and_each_is_told(sam, alex, hurt, involved):
    repair = both_finish(sam, alex)
    assert repair.is_completed
    assert Kind.REPAIR_PARTNER_FINISHED in kinds_for(hurt)  # Alex finished first
    assert Kind.REPAIR_REVEALED in kinds_for(involved)


def test_the_listener_is_told_whether_they_were_heard_once(sam, alex):
    repair, _created = Repair.start(sam, "own")
    repair.save_side(sam, first_step("sam"))
    repair.save_side(alex, first_step("alex") | listened("alex"))
    repair.answer_reflection(sam, "not_quite", "It was more lonely than frightening")
    with pytest.raises(RepairError, match="already answered"):
        repair.answer_reflection(sam, "yes", "")
    seen_by_alex = RepairSide.objects.listening_for(alex).get()
    assert seen_by_alex["understood"] == "not_quite"
    assert seen_by_alex["understood_note"] == "It was more lonely than frightening"


def test_the_starter_withdraws_before_the_other_answers(sam, alex, hurt, involved):
    repair, _created = Repair.start(sam, "own")
    response = client_for(involved).post(reverse("repair:withdraw", args=[repair.pk]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    client_for(hurt).post(reverse("repair:withdraw", args=[repair.pk]))
    repair.refresh_from_db()
    assert repair.is_withdrawn
    assert Kind.REPAIR_WITHDRAWN in kinds_for(involved)


def test_no_withdrawing_once_the_partner_began(sam, alex):
    repair, _created = Repair.start(sam, "own")
    repair.save_side(alex, first_step("alex"))
    with pytest.raises(RepairError, match="begun answering"):
        repair.withdraw(sam)


def test_an_unanswered_repair_is_mentioned_once(sam, alex, involved, hurt):
    repair, _created = Repair.start(sam, "own")
    now = tz.now()
    assert Repair.objects.remind_unanswered(now) == 0
    later = now + timedelta(days=3)
    assert Repair.objects.remind_unanswered(later) == 1
    assert Repair.objects.remind_unanswered(later + timedelta(days=7)) == 0
    assert kinds_for(involved).count(Kind.REPAIR_STILL_WAITING) == 1
    # Sam started it and has not finished either: never nudged about their own.
    assert Kind.REPAIR_STILL_WAITING not in kinds_for(hurt)
    repair.refresh_from_db()
    assert repair.reminded_at == later


def test_a_partner_who_finished_is_not_reminded(sam, alex, hurt, involved):
    repair, _created = Repair.start(sam, "own")
    repair.save_side(sam, first_step("sam"))
    repair.save_side(alex, first_step("alex") | listened("alex") | own_part("alex"), finish=True)
    assert Repair.objects.remind_unanswered(tz.now() + timedelta(days=3)) == 0
    assert Kind.REPAIR_STILL_WAITING not in kinds_for(hurt) + kinds_for(involved)
    # Claimed all the same: a later beat does not look at it again.
    repair.refresh_from_db()
    assert repair.reminded_at is not None


def test_the_plan_changes_only_when_both_accept(sam, alex, hurt, involved):
    repair = both_finish(sam, alex)
    change = PlanChange.propose(sam, repair, ["A walk on Sunday"], seen_version=0)
    repair.refresh_from_db()
    assert repair.plan == []
    assert Kind.REPAIR_PLAN_WAITING in kinds_for(involved)
    with pytest.raises(RepairError, match="already waiting"):
        PlanChange.propose(alex, repair, ["Something else"], seen_version=0)
    change.accept(alex)
    repair.refresh_from_db()
    assert repair.plan == ["A walk on Sunday"]
    assert repair.plan_version == 1
    assert Kind.REPAIR_PLAN_DECIDED in kinds_for(hurt)


def test_a_stale_plan_change_is_refused(sam, alex):
    repair = both_finish(sam, alex)
    PlanChange.propose(sam, repair, ["One"], seen_version=0).accept(alex)
    with pytest.raises(StalePlan):
        PlanChange.propose(alex, repair, ["Two"], seen_version=0)


def test_the_plan_waits_for_both_to_finish(sam, alex):
    repair, _created = Repair.start(sam, "own")
    with pytest.raises(RepairError, match="once you have both finished"):
        PlanChange.propose(sam, repair, ["Too early"], seen_version=0)


# Invalid input -------------------------------------------------------------------


def post(user, name, repair, data):
    return client_for(user).post(reverse(name, args=[repair.pk]), data)


def test_an_empty_side_cannot_be_finished(sam, alex, hurt):
    repair, _created = Repair.start(sam, "own")
    response = post(hurt, "repair:save_side", repair, {"finish": ""})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "Before finishing" in response.content.decode()
    assert not RepairSide.objects.filter(submitted_at__isnull=False).exists()


def test_over_long_text_is_a_form_error(sam, hurt):
    repair, _created = Repair.start(sam, "own")
    response = post(hurt, "repair:save_side", repair, {"what_it_was_like": "x" * 2001})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "under 2000 characters" in response.content.decode()
    assert not RepairSide.objects.exists()


def test_answering_a_withdrawn_repair_is_refused(sam, involved, hurt):
    repair, _created = Repair.start(sam, "own")
    repair.withdraw(sam)
    response = post(involved, "repair:save_side", repair, {"what_it_was_like": "late"})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "withdrawn" in response.content.decode()
    assert not RepairSide.objects.exists()


def test_finishing_twice_changes_nothing(sam, alex, involved):
    repair, _created = Repair.start(sam, "own")
    repair.save_side(sam, first_step("sam"))
    data = first_step("alex") | listened("alex") | own_part("alex") | {"finish": ""}
    assert post(involved, "repair:save_side", repair, data).status_code == HTTPStatus.FOUND
    again = post(involved, "repair:save_side", repair, data | {"my_part": "changed"})
    assert again.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    side = RepairSide.objects.get(author=alex.user)
    assert side.my_part == "alex: my silence left you alone with it"
    assert RepairSide.objects.count() == 2
    assert Notice.objects.filter(kind=Kind.REPAIR_PARTNER_FINISHED).count() == 1


def test_another_couples_repair_is_a_404(sam, outsider):
    repair, _created = Repair.start(sam, "own")
    client = client_for(outsider)
    for name in ("repair:detail",):
        assert client.get(reverse(name, args=[repair.pk])).status_code == HTTPStatus.NOT_FOUND
    for name in (
        "repair:save_side",
        "repair:answer_heard",
        "repair:withdraw",
        "repair:propose_plan",
    ):
        response = client.post(reverse(name, args=[repair.pk]), {"what_it_was_like": "x"})
        assert response.status_code == HTTPStatus.NOT_FOUND
    assert not RepairSide.objects.exists()


def test_starting_from_another_couples_pause_is_a_404(sam, outsider):
    from .builders import member

    robin = member(outsider)
    pause = Pause.start(robin, tz.now() + timedelta(minutes=20))
    pause.end(robin)
    response = client_for(sam.user).post(reverse("repair:start"), {"pause": pause.pk})
    assert response.status_code == HTTPStatus.NOT_FOUND
    bad = client_for(sam.user).get(reverse("repair:start"), {"pause": "not-a-number"})
    assert bad.status_code == HTTPStatus.NOT_FOUND
    assert not Repair.objects.exists()


def test_a_not_quite_needs_a_line(sam, alex, hurt):
    repair, _created = Repair.start(sam, "own")
    repair.save_side(sam, first_step("sam"))
    repair.save_side(alex, first_step("alex") | listened("alex"))
    response = post(hurt, "repair:answer_heard", repair, {"verdict": "not_quite"})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert RepairSide.objects.get(author=sam.user).understood == ""


def test_a_plan_of_three_steps_is_a_form_error(sam, alex, hurt):
    repair = both_finish(sam, alex)
    response = post(hurt, "repair:propose_plan", repair, {"steps": "a\nb\nc", "version": 0})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not PlanChange.objects.exists()


def test_the_whole_flow_through_the_pages(sam, alex, hurt, involved):
    pause = Pause.start(sam, tz.now() + timedelta(minutes=20))
    pause.end(sam)
    sam_client, alex_client = client_for(hurt), client_for(involved)
    assert "Talk it through" in sam_client.get(reverse("together:pause")).content.decode()
    start = reverse("repair:start") + f"?pause={pause.pk}"
    assert sam_client.get(start).status_code == HTTPStatus.OK
    response = sam_client.post(reverse("repair:start"), {"pause": pause.pk})
    repair = Repair.objects.get()
    assert response.url == repair.path
    assert repair.began_at == pause.started_at
    post(hurt, "repair:save_side", repair, first_step("sam") | {"save": ""})
    post(involved, "repair:save_side", repair, first_step("alex") | listened("alex"))
    page = alex_client.get(repair.path).content.decode()
    assert "sam: it was like the floor went away" in page
    assert "data-gentle-hint" in page
    alex_side = first_step("alex") | listened("alex") | own_part("alex")
    post(involved, "repair:save_side", repair, alex_side | {"finish": ""})
    post(hurt, "repair:save_side", repair, first_step("sam") | listened("sam"))
    sam_side = first_step("sam") | listened("sam") | own_part("sam")
    post(hurt, "repair:save_side", repair, sam_side | {"finish": ""})
    repair.refresh_from_db()
    assert repair.is_completed
    assert "alex: I will stay in the room" in sam_client.get(repair.path).content.decode()


def test_linking_a_moment_that_is_not_mine_is_a_form_error(sam, alex, hurt):
    from triggers.models import Trigger

    alexs = Trigger.record(
        alex, tz.now(), occurred_at=tz.now(), category="memory", intensity=5, sharing="share_now"
    )
    repair, _created = Repair.start(sam, "own")
    response = post(hurt, "repair:save_side", repair, first_step("sam") | {"touched": alexs.pk})
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not RepairSide.objects.exists()
    mine = Trigger.record(
        sam, tz.now(), occurred_at=tz.now(), category="memory", intensity=5, sharing="private"
    )
    post(hurt, "repair:save_side", repair, first_step("sam") | {"touched": mine.pk})
    assert RepairSide.objects.get().touched == mine


def test_the_one_reminder_sends_one_discreet_email(sam, alex, involved):
    from django.core import mail

    from notices.services import deliver_owed_emails

    repair, _created = Repair.start(sam, "own")
    repair.save_side(sam, first_step("sam"))
    mail.outbox.clear()
    later = tz.now() + timedelta(days=3)
    Repair.objects.remind_unanswered(later)
    Repair.objects.remind_unanswered(later + timedelta(days=5))
    deliver_owed_emails(later + timedelta(days=6))
    [email] = mail.outbox
    assert email.to == [involved.email]
    assert "floor went away" not in email.subject + email.body
    assert "only reminder" in email.body
