from django.core.management import call_command

from accounts.demo import seed_people
from acknowledgement import demo
from acknowledgement.models import Letter, LetterComment, Receive
from notices.models import Kind, Notice


def test_the_demo_letter_waits_for_the_next_session(db):
    people = seed_people("demo-pass-2026")

    demo.seed(people)
    demo.seed(people)  # safe to run twice

    letter = Letter.objects.get()
    assert letter.author == people["involved"]
    assert not letter.is_draft and letter.choice == Receive.SESSION
    assert not letter.is_received
    assert LetterComment.objects.filter(letter=letter).count() == 1
    assert Notice.objects.filter(kind=Kind.LETTER_READY, recipient=people["hurt"]).count() == 1


def test_seed_demo_includes_the_letter(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Letter.objects.delivered().filter(choice=Receive.SESSION).exists()
