from accounts.demo import seed_people
from forgiveness import demo
from forgiveness.models import Message, Reflection
from home import data_rights
from pacing import demo as pacing_demo
from pacing.models import FalseConnectionCheck, gate_for


def test_the_demo_hurt_partner_has_a_private_space_and_both_took_the_check(db):
    people = seed_people("demo-pass-2026")

    demo.seed(people)
    demo.seed(people)  # safe to run twice
    pacing_demo.seed(people)

    assert Reflection.objects.visible_to(people["hurt"]).count() == 2
    assert not Reflection.objects.visible_to(people["involved"]).exists()
    assert not Message.objects.exists()  # nothing shared: the partner sees no trace
    keys = {section.key for section in data_rights.collect(people["involved"])}
    assert not {key for key in keys if "forgiveness" in key}
    checks = FalseConnectionCheck.objects.all()
    assert {check.author for check in checks} == {people["hurt"], people["involved"]}
    assert not checks.holding().exists()
    assert gate_for(people["hurt"].memberships.get().couple).tier == 2
