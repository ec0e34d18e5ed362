"""One realistic world for the security tests, and a way to act in it as anyone.

Sam (hurt partner, "author") and Alex (involved partner, "partner") share a couple
space with something of every kind; Robin belongs to another couple; Dr. Lee is
their therapist with both consents ("therapist", and "revoked" once Sam withdraws);
Dr. Ng is a therapist nobody linked; Morgan is staff (a superuser, not a member).

Everything a person writes privately carries a unique canary marker, registered in
`World.markers` with the one person allowed to see it.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from http import HTTPStatus

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone as tz

from accounts.access import active_membership
from accounts.models import Couple, EmailKind, Invitation, PushDevice, Role, SafetyCheck, User
from accounts.notifications import unsubscribe_token
from acknowledgement.models import STEPS, Letter, LetterComment, LetterReply, Receive
from agreements.content import starter_sections
from agreements.models import Agreement, Review, ReviewResponse
from checkins.models import CheckIn
from forgiveness.models import Message as ForgivenessMessage
from forgiveness.models import Prompt as ForgivenessPrompt
from forgiveness.models import Reflection as ForgivenessReflection
from intensives.models import Intensive, Step
from intensives.models import Kind as StepKind
from pacing.models import Exercise, ExerciseSession, FalseConnectionCheck, ReadinessReport, gate_for
from practice.models import About, Agenda, AgendaItem, ForWhom, Outcome, Practice
from repair.models import Origin, PlanChange, Repair, Understood
from rituals import deck
from rituals.models import Card, Lead, Reminder, Ritual
from therapists.models import Consent, CsiResponse, NoteVisibility, TherapistNote
from together.models import (
    GoalChange,
    JournalEntry,
    Pause,
    Question,
    Readiness,
    SelfCarePlan,
    Win,
    WinKind,
)
from transparency.models import HeadsUp, HeadsUpKind, Telling, WeekPlan
from triggers.models import Category, Sharing, Trigger

from ..factories import PASSWORD, make_couple, make_user
from ..therapists.builders import link, make_profile

# Who acts, and as which person. "revoked" is Dr. Lee after Sam withdrew consent.
ACTORS = (
    "anonymous",
    "author",
    "partner",
    "outsider",
    "therapist",
    "revoked",
    "unlinked",
    "staff",
)
PERSON = {
    "author": "sam",
    "partner": "alex",
    "outsider": "robin",
    "therapist": "lee",
    "revoked": "lee",
    "unlinked": "ng",
    "staff": "morgan",
}
SIGNED_IN = ACTORS[1:]
BROWSER_POST = {"csrfmiddlewaretoken": "not-checked-by-the-test-client"}

# The phrases of the private safety-check result page: nobody else may ever see them.
SAFETY_PAGE_PHRASES = ("speak with a counsellor",)


def canary(owner: str, what: str) -> str:
    """A marker that survives HTML escaping and cannot occur by chance."""
    return f"CANARY-{owner}-{what}-q7Zx"


@dataclass
class World:
    people: dict[str, User]
    couple: Couple
    other_couple: Couple
    ids: dict[str, object]
    # marker -> who may see it: a person key, or a tuple of them for text shared with
    # exactly those people (a heads-up both partners see, and nobody else).
    markers: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    # Markers someone besides their owner may read too (a repair's listening step).
    readers: dict[str, set[str]] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)  # person -> session key
    fresh_sessions: dict[str, str] = field(default_factory=dict)  # just re-authenticated

    def secret(self, owner: str, what: str, readers: tuple[str, ...] = ()) -> str:
        marker = canary(owner, what)
        self.markers[marker] = owner
        if readers:
            self.readers[marker] = set(readers)
        return marker

    def shared_secret(self, owners: tuple[str, ...], what: str) -> str:
        marker = canary("-".join(owners), what)
        self.markers[marker] = owners
        return marker

    def may_see(self, actor: str, marker: str) -> bool:
        owners = self.markers[marker]
        person = PERSON.get(actor)
        readers = self.readers.get(marker, ())
        # A reader is a person, or an actor: "therapist" is Dr. Lee while he has access
        # (not "revoked", the same person after a consent was withdrawn).
        if person in readers or actor in readers:
            return True
        return person in owners if isinstance(owners, tuple) else person == owners

    def forbidden_for(self, actor: str) -> list[str]:
        """Every marker this actor must never see."""
        return [marker for marker in self.markers if not self.may_see(actor, marker)]

    def client(self, actor: str, *, fresh: bool = False, **defaults) -> Client:
        client = Client(**defaults)
        if actor != "anonymous":
            sessions = self.fresh_sessions if fresh else self.sessions
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[PERSON[actor]]
        return client

    def prepare(self, actor: str) -> None:
        """Put the world in the state the actor stands for (inside a rolled-back block)."""
        if actor == "revoked":
            Consent.withdraw(self.ids["therapist_link"], self.people["sam"])

    def request(
        self, actor: str, method: str, url: str, *, htmx=False, data=None, fresh=False, **extra
    ):
        """One request as `actor`; whatever it changes is rolled back afterwards."""
        client = self.client(actor, fresh=fresh, **extra)
        headers = {"HX-Request": "true"} if htmx else {}
        cache.clear()  # allauth's rate limits would otherwise answer 429 after a while
        with transaction.atomic():
            self.prepare(actor)
            if method == "GET":
                response = client.get(url, data or {}, headers=headers)
            elif method == "POST":
                # Browsers always send the CSRF field, so a form posted "empty" is bound.
                response = client.post(url, data or BROWSER_POST, headers=headers)
            else:
                response = client.generic(method, url, headers=headers)
            transaction.set_rollback(True)
        return response


def build() -> World:
    now = tz.now()
    sam = make_user("sam@example.test", "Sam")
    alex = make_user("alex@example.test", "Alex")
    couple = make_couple(sam, alex)
    # Old enough to have a history; this week stays the one being answered.
    couple.created_at = now - timedelta(days=60)
    couple.save(update_fields=["created_at"])
    robin = make_user("robin@example.test", "Robin")
    # Robin's earlier space, closed when his partner left it: his read-only archive.
    casey = make_user("casey@example.test", "Casey")
    robins_former_space = make_couple(robin, casey)
    robins_former_space.end(by=casey)
    other_couple = make_couple(robin, make_user("jamie@example.test", "Jamie"))
    lee = make_user("dr.lee@example.test", "Dr. Lee", is_therapist=True)
    ng = make_user("dr.ng@example.test", "Dr. Ng", is_therapist=True)
    morgan = User.objects.create_superuser(email="morgan@example.test", password=PASSWORD)
    EmailAddress.objects.create(user=morgan, email=morgan.email, verified=True, primary=True)
    kim = make_user("kim@example.test", "Kim")
    kims_space = Couple.start(kim, Role.HURT)
    people = {
        "sam": sam,
        "alex": alex,
        "robin": robin,
        "lee": lee,
        "ng": ng,
        "morgan": morgan,
        "kim": kim,
    }
    world = World(people=people, couple=couple, other_couple=other_couple, ids={})
    ids = world.ids
    ids["archived_couple"] = _kept_private_before_leaving(world, robins_former_space, casey, now)
    secret = world.secret
    sam_m, alex_m = active_membership(sam), active_membership(alex)

    # The therapist space.
    make_profile(lee)
    make_profile(ng, "Riverside Practice")
    ids["therapist_link"] = link(couple, lee, sam, alex)
    TherapistNote.objects.create(
        couple=couple,
        therapist=lee,
        text="Lovely steady work this month.",
        visibility=NoteVisibility.COUPLE,
    )
    TherapistNote.objects.create(
        couple=couple,
        therapist=lee,
        text=secret("lee", "therapist-private-note"),
        visibility=NoteVisibility.PRIVATE,
    )
    CsiResponse.record(
        sam_m, {"happiness": 3, "warmth": 3, "rewarding": 3, "satisfaction": 3}, moment=now
    )

    # This week's check-in: Sam has shared (sealed from Alex), Alex has a draft.
    checkin = CheckIn.objects.current_for(couple, now)
    ids["week"] = checkin.week_start.isoformat()
    ratings = {"safety": 4, "trust": 3, "connection": 5, "hope": 6}
    checkin.submit(sam, ratings | _texts(secret, "sam", "sealed-answer"))
    checkin.save_draft(alex, {"safety": 5} | _texts(secret, "alex", "draft-answer"))

    # Triggers: one shared now, one private, one waiting for the check-in (all Sam's),
    # and one private of Alex's.
    shared = Trigger.record(
        sam_m,
        now,
        occurred_at=now - timedelta(hours=2),
        category=Category.SOCIAL_MEDIA,
        intensity=7,
        what_happened="An old photo came up on my phone.",
        sharing=Sharing.SHARE_NOW,
    )
    shared.reassure(alex, "I'm here, and I'm not going anywhere.", now)
    ids["shared_trigger"] = shared.pk
    ids["private_trigger"] = _secret_trigger(secret, sam_m, "sam", Sharing.PRIVATE, now).pk
    ids["checkin_trigger"] = _secret_trigger(secret, sam_m, "sam", Sharing.AT_CHECKIN, now).pk
    ids["partners_private_trigger"] = _secret_trigger(
        secret, alex_m, "alex", Sharing.PRIVATE, now
    ).pk

    # The agreement: version 1 in force, a review open, Sam's proposal waiting.
    agreement = Agreement.objects.for_couple(couple)
    first = agreement.propose(sam_m, sections=starter_sections(), reason="Our start", based_on=None)
    first.accept(alex_m)
    first.refresh_from_db()
    agreement.refresh_from_db()
    review = Review.objects.create(agreement=agreement, opened_at=now, due_at=now)
    ReviewResponse.objects.create(
        review=review, partner=sam, choice=ReviewResponse.Choice.REAFFIRM, note="Going well."
    )
    proposal = agreement.propose(
        sam_m,
        sections=first.texts() | {"self_care": "We each keep one evening a week for ourselves."},
        reason="More room to breathe",
        based_on=first,
    )
    ids["version"] = first.pk
    ids["proposal"] = proposal.pk

    # Pacing: readiness with private notes, a session with private reflections.
    for person, membership in (("sam", sam_m), ("alex", alex_m)):
        ReadinessReport.objects.create(
            couple=couple,
            author=people[person],
            role=membership.role,
            closeness_safety=6,
            body_settled=5,
            note=secret(person, "readiness-note"),
        )
    # A false-connection check each, with answers only their author (and Dr. Lee) sees;
    # none "often" on what holds the pace back, so the open tier stays as it is.
    for person, membership, answers in (
        ("sam", sam_m, (1, 1, 0, 1, 0)),
        ("alex", alex_m, (1, 0, 2, 0, 2)),
    ):
        FalseConnectionCheck.objects.create(
            couple=couple,
            author=people[person],
            role=membership.role,
            **dict(
                zip(
                    ("rushed", "said_fine", "avoided", "pressured", "affection"),
                    answers,
                    strict=True,
                )
            ),
        )
    steadying = Exercise.objects.filter(tier=0).order_by("order", "pk").first()
    closed = Exercise.objects.filter(tier=4).order_by("order", "pk").first()
    session = ExerciseSession.objects.create(couple=couple, exercise=steadying, started_by=sam)
    session.reflect(sam, 6, secret("sam", "reflection-noticed"))
    session.reflect(alex, 7, secret("alex", "reflection-noticed"))
    ids["exercise"] = steadying.slug
    ids["closed_exercise"] = closed.slug
    ids["session"] = session.pk

    # Together: questions, a pause, wins, a goal with a pending change, journals.
    question = Question.ask(sam_m, "Where were you on Friday evening?", Readiness.READY_NOW)
    question.answer(alex_m, "At my brother's, and I should have told you before.")
    ids["question"] = question.pk
    held = Question.ask(sam_m, "Did you meet again after March?", Readiness.AT_SESSION)
    held.answer(alex_m, secret("alex", "answer-kept-for-session"))
    ids["held_question"] = held.pk
    ids["pause"] = Pause.start(sam_m, now + timedelta(hours=1), secret("sam", "pause-reason")).pk
    ids["win"] = Win.note(sam_m, WinKind.APPRECIATION, "You made tea without asking.").pk
    new_goal = GoalChange.propose(
        sam_m, None, "A trip to the coast", "We loved it there.", ["Pick a weekend", "Book it"]
    )
    goal = new_goal.accept(alex_m)
    ids["goal"] = goal.pk
    ids["step"] = goal.steps.first().pk
    ids["goal_change"] = GoalChange.propose(
        sam_m, goal, "A trip to the coast in May", "We loved it there.", ["Pick a weekend"]
    ).pk
    for person in ("sam", "alex"):
        ids[f"{person}_journal"] = JournalEntry.objects.create(
            author=people[person], text=secret(person, "journal")
        ).pk
    SelfCarePlan.objects.create(
        user=sam,
        rest=secret("sam", "plan-rest"),
        movement=secret("sam", "plan-movement"),
        people_i_can_talk_to=secret("sam", "plan-people"),
        my_own_therapy=secret("sam", "plan-therapy"),
    )

    _repairs(world, sam_m, alex_m)
    _forgiveness(world, couple, sam, now)
    _rituals(world, sam_m, alex_m, now)
    _practice(world, sam_m, alex_m, now)
    _intensive(world, sam_m, now)

    # Transparency: Alex's heads-up (shared by definition), Alex's plans for this week
    # shared, and a draft for next week only Alex sees; Robin's couple has a heads-up
    # of its own that nobody here may see.
    # Dr. Lee sees the counts, not the text: neither partner chose "heads-ups and plans".
    ids["heads_up"] = HeadsUp.post(
        alex_m, HeadsUpKind.RUNNING_LATE, line=world.shared_secret(("sam", "alex"), "heads-up")
    ).pk
    this_week = checkin.week_start
    WeekPlan.save_for(alex_m, this_week, ["Gym after work", "", "Dinner with Jo"], share=True)
    WeekPlan.save_for(
        alex_m, this_week + timedelta(weeks=1), [secret("alex", "plan-draft")], share=False
    )
    # Something Alex offered to tell, which Sam has not chosen to read yet.
    ids["telling"] = Telling.offer(alex_m, secret("alex", "telling-unread"), for_session=False).pk
    ids["past_week"] = (this_week - timedelta(weeks=2)).isoformat()
    robin_m = active_membership(robin)
    HeadsUp.post(robin_m, HeadsUpKind.ONLINE, line=secret("robin", "heads-up"))
    # Pat and Quinn, Dr. Lee's other couple, both chose to share their heads-ups' text.
    pat, quinn = make_user("pat@example.test", "Pat"), make_user("quinn@example.test", "Quinn")
    sharing_couple = make_couple(pat, quinn)
    sharing_link = link(sharing_couple, lee)
    for person in (pat, quinn):
        Consent.give(sharing_link, active_membership(person), heads_ups_and_plans=True)
    HeadsUp.post(
        active_membership(quinn),
        HeadsUpKind.CONTACT,
        line=world.shared_secret(("pat", "quinn", "lee"), "heads-up"),
    )
    ids["sharing_couple"] = sharing_couple.pk

    _letters(world, sam_m, alex_m)

    # Sam's private safety answer, not shared with the therapist.
    SafetyCheck.objects.create(user=sam, afraid=SafetyCheck.Answer.YES)

    # A browser that gets Sam's notifications: hers alone to see and remove.
    ids["push_device"] = PushDevice.objects.create(
        user=sam,
        name="Firefox on Android",
        endpoint="https://updates.push.services.mozilla.com/wpush/v2/security-world",
        p256dh="B" + "A" * 86,
        auth="A" * 22,
    ).pk

    # Links that arrive by email.
    _invitation, ids["join_token"] = Invitation.issue(kims_space, kim, "friend@example.test")
    ids["unsubscribe_token"] = unsubscribe_token(sam, EmailKind.CHECKIN_REMINDER)
    ids["group"] = Group.objects.create(name="Support team").pk
    return world


def _rituals(world: World, sam_m, alex_m, now) -> None:
    """A daily ritual both agreed three weeks ago, both marked "we did it" yesterday,
    each with a private "how it felt"; Sam's suggestion waiting for Alex; a card Sam
    answered privately and one Alex shared; a favourite card."""
    ids, secret = world.ids, world.secret
    result = gate_for(sam_m.couple)
    ritual = Ritual.propose(
        sam_m,
        result,
        title="Tea together after work",
        rhythm="daily",
        days=0,
        at_time=None,
        timezone="UTC",
        starts_on=(now - timedelta(days=21)).date(),
    )
    ritual.accept(alex_m, gate_for(alex_m.couple), now=now - timedelta(days=21))
    yesterday = (now - timedelta(days=1)).date()
    for person, membership in (("sam", sam_m), ("alex", alex_m)):
        ritual.mark(membership, result, yesterday, "did", 7, secret(person, "ritual-felt"))
    ids["ritual"] = ritual.pk
    Reminder.objects.create(ritual=ritual, person=world.people["sam"], lead_minutes=Lead.HOUR)
    ids["proposed_ritual"] = Ritual.propose(
        sam_m,
        result,
        title="A walk on Sunday morning",
        rhythm="weekly",
        days=1 << 6,
        at_time=None,
        timezone="UTC",
        starts_on=now.date(),
    ).pk
    open_cards = Card.objects.filter(tier=0).order_by("pk")
    card, other = open_cards[0], open_cards[1]
    ids["card"] = card.pk
    ids["closed_card"] = Card.objects.filter(tier=4).order_by("pk").first().pk
    deck.answer(sam_m, card, secret("sam", "card-answer-private"), shared=False)
    deck.answer(alex_m, other, secret("alex", "card-answer-shared", readers=("sam",)), True)
    deck.toggle_favourite(sam_m, card)
    deck.draw(alex_m, result)


def _intensive(world: World, sam_m, now) -> None:
    """Dr. Lee's intensive, under way: a conversation guide open now (his words, read by
    both partners), a step on an exercise of a closed tier open now, and a guide that
    opens tomorrow."""
    ids, secret = world.ids, world.secret
    couple, lee = sam_m.couple, world.people["lee"]
    today = now.astimezone(couple.zone).date()
    intensive = Intensive.plan(couple, lee, today - timedelta(days=1), today + timedelta(days=1))
    readers = ("sam", "alex", "therapist")
    ids["intensive"] = intensive.pk

    def step(kind, opens_at, **fields):
        closes_at = opens_at + timedelta(hours=2)
        return Step.objects.create(
            intensive=intensive,
            written_by=lee,
            kind=kind,
            opens_at=opens_at,
            closes_at=closes_at,
            **fields,
        ).pk

    ids["intensive_step"] = step(
        StepKind.GUIDE,
        now - timedelta(hours=1),
        title=secret("lee", "intensive-guide-title", readers=readers),
        prompt=secret("lee", "intensive-guide-prompt", readers=readers),
        turn_minutes=3,
        rounds=2,
    )
    closed = Exercise.objects.filter(tier=4).order_by("pk").first()
    ids["closed_intensive_step"] = step(
        StepKind.EXERCISE, now - timedelta(hours=1), exercise=closed
    )
    ids["early_intensive_step"] = step(
        StepKind.GUIDE,
        now + timedelta(days=1) - timedelta(hours=now.hour),
        title="Tomorrow's conversation",
        prompt="What would help us this week.",
        turn_minutes=3,
        rounds=1,
    )


def _practice(world: World, sam_m, alex_m, now) -> None:
    """Dr. Lee's practices: one for both on an open exercise, which Alex found hard with
    a line for Dr. Lee only and Sam found hard with a line shared with Alex; one for
    Alex alone; one on an exercise of a closed tier. On the open agenda, Sam's private
    item and Alex's shared one; an earlier agenda closed with Dr. Lee's note."""
    ids, secret = world.ids, world.secret
    couple, lee = sam_m.couple, world.people["lee"]
    week = now.astimezone(couple.zone).date()
    week -= timedelta(days=week.weekday())
    result = gate_for(couple)
    both = Practice.write(
        couple,
        lee,
        exercise=Exercise.objects.filter(tier=0).order_by("pk").first(),
        due_week=week,
        for_whom=ForWhom.BOTH,
    )
    both.mark(alex_m, result, Outcome.HARD, secret("alex", "practice-hard", readers=("therapist",)))
    shared_line = secret("sam", "practice-hard-shared", readers=("alex", "therapist"))
    both.mark(sam_m, result, Outcome.HARD, shared_line, True)
    ids["practice"] = both.pk
    ids["alex_practice"] = Practice.write(
        couple,
        lee,
        text=secret("lee", "practice-for-alex", readers=("alex", "therapist")),
        due_week=week,
        for_whom=ForWhom.INVOLVED,
    ).pk
    ids["closed_practice"] = Practice.write(
        couple,
        lee,
        exercise=Exercise.objects.filter(tier=4).order_by("pk").first(),
        due_week=week,
        for_whom=ForWhom.BOTH,
    ).pk
    earlier = Agenda.open_for(couple)
    AgendaItem.add(sam_m, about=About.OWN, text="Something we talked about already.")
    earlier.close(lee, secret("lee", "agenda-note", readers=("sam", "alex", "therapist")))
    AgendaItem.add(
        sam_m, about=About.QUESTION, text=secret("sam", "agenda-private", readers=("therapist",))
    )
    AgendaItem.add(
        alex_m,
        about=About.OWN,
        text=secret("alex", "agenda-shared", readers=("sam", "therapist")),
        shared_with_partner=True,
    )


def _repairs(world: World, sam_m, alex_m) -> None:
    """A finished repair with a plan change waiting for Alex, then an open one: Sam has
    finished a sealed side, Alex has written part of his. What each wrote for the
    listening step is the partner's to read too, never the therapist's."""
    ids, secret = world.ids, world.secret
    done, _created = Repair.start(sam_m, Origin.OWN)
    words = {"feelings": ["sad"], "what_it_was_like": "It was a long evening."}
    later = {"heard": "I heard it was long.", "my_part": "I left.", "next_time": "Stay."}
    done.save_side(sam_m, words | {"touched": Trigger.objects.get(pk=ids["private_trigger"])})
    done.save_side(alex_m, words | later, finish=True)
    done.save_side(sam_m, later, finish=True)
    ids["completed_repair"] = done.pk
    ids["plan_change"] = PlanChange.propose(sam_m, done, ["A walk on Sunday"], 0).pk

    repair, _created = Repair.start(sam_m, Origin.OWN)
    repair.save_side(
        sam_m,
        {
            "feelings": ["scared"],
            "feelings_words": secret("sam", "repair-feelings"),
            "what_it_was_like": secret("sam", "repair-what-it-was-like", readers=("alex",)),
        },
    )
    repair.save_side(
        alex_m,
        {
            "feelings_words": secret("alex", "repair-feelings"),
            "what_it_was_like": secret("alex", "repair-what-it-was-like", readers=("sam",)),
            "heard": secret("alex", "repair-heard", readers=("sam",)),
            "my_part": secret("alex", "repair-my-part-draft"),
        },
    )
    repair.save_side(
        sam_m,
        {
            "heard": secret("sam", "repair-heard", readers=("alex",)),
            "my_part": secret("sam", "repair-my-part"),
            "next_time": secret("sam", "repair-next-time"),
            "need": secret("sam", "repair-need"),
        },
        finish=True,
    )
    repair.answer_reflection(
        sam_m, Understood.NOT_QUITE, secret("sam", "repair-understood-note", readers=("alex",))
    )
    ids["repair"] = repair.pk


def _forgiveness(world: World, couple: Couple, sam: User, now) -> None:
    """Sam's forgiveness space: a reflection and a draft, hers alone (Alex and Dr. Lee
    must not even learn the space exists), and one message she chose to share, which
    Alex reads (made directly, without its notice: the space's existence tests look
    at everything else Alex sees)."""
    ids, secret = world.ids, world.secret
    ForgivenessReflection.objects.create(
        author=sam,
        prompt=ForgivenessPrompt.WOULD_NOT_MEAN,
        text=secret("sam", "forgiveness-reflection"),
    )
    ids["forgiveness_draft"] = ForgivenessMessage.objects.create(
        couple=couple, author=sam, text=secret("sam", "forgiveness-draft")
    ).pk
    ids["forgiveness_shared"] = ForgivenessMessage.objects.create(
        couple=couple,
        author=sam,
        text=world.shared_secret(("sam", "alex"), "forgiveness-shared"),
        shared_at=now,
    ).pk


def _letters(world: World, sam_m, alex_m) -> None:
    """Alex's acknowledgement letter in three versions: the first Sam received (and
    answered privately) and Alex shared with Dr. Lee; the second Sam chose to receive
    at their next session, so only Alex reads it; the third a draft Alex asked Dr. Lee
    to read, with Dr. Lee's comment, which only Alex reads. Dr. Lee reads the letter
    only while both consents hold ("therapist", never "revoked")."""
    ids, secret = world.ids, world.secret

    def words(what: str, readers: tuple[str, ...] = ()) -> dict:
        return {name: secret("alex", f"letter-{what}-{name}", readers=readers) for name in STEPS}

    first = Letter.save_draft(alex_m, words("received", readers=("sam", "therapist")), 1)
    first.mark_ready(alex_m)
    first.share_with_therapist(alex_m, True)
    first.choose(sam_m, Receive.NOW)
    LetterReply.save_for(sam_m, first, secret("sam", "letter-reply"), share=False)
    ids["received_letter"] = first.pk
    second = Letter.save_draft(alex_m, words("waiting"), 2)
    second.mark_ready(alex_m)
    second.choose(sam_m, Receive.SESSION)
    ids["waiting_letter"] = second.pk
    draft = Letter.save_draft(alex_m, words("draft", readers=("therapist",)), 3)
    draft.ask_review(alex_m)
    comment = secret("lee", "letter-comment", readers=("alex",))
    LetterComment.write(world.couple, world.people["lee"], comment)
    ids["draft_letter"] = draft.pk


def _texts(secret, owner: str, what: str) -> dict:
    return {
        name: secret(owner, f"{what}-{name}")
        for name in ("triggers_text", "boundaries_text", "win_text", "need_text")
    }


def _secret_trigger(secret, membership, owner: str, sharing: str, now) -> Trigger:
    what = f"{sharing}-trigger"
    return Trigger.record(
        membership,
        now,
        occurred_at=now - timedelta(minutes=30),
        category=Category.MEMORY,
        intensity=8,
        what_happened=secret(owner, f"{what}-what-happened"),
        body_response=secret(owner, f"{what}-body-response"),
        what_helped=secret(owner, f"{what}-what-helped"),
        sharing=sharing,
    )


def _kept_private_before_leaving(world: World, couple: Couple, leaver: User, now) -> int:
    """What the partner who left a closed space had kept private: it must never reach
    the one who stays, in the archive or anywhere else."""
    membership = couple.memberships.select_related("couple", "user").get(user=leaver)
    for sharing in (Sharing.PRIVATE, Sharing.AT_CHECKIN):
        _secret_trigger(world.secret, membership, "casey", sharing, now)
    checkin = CheckIn.objects.create(couple=couple, week_start=now.date() - timedelta(weeks=3))
    checkin.answers.create(
        author=leaver,
        safety=2,
        submitted_at=now,
        win_text=world.secret("casey", "sealed-answer"),
    )
    return couple.pk


def sign_in_everyone(world: World) -> None:
    """A session for each person, plus one that has just re-entered its password."""
    for person in set(PERSON.values()):
        client = Client()
        client.force_login(world.people[person])
        world.sessions[person] = client.session.session_key
    reauthenticate_everyone(world)


def reauthenticate_everyone(world: World) -> None:
    """Sessions that have just re-entered their password. A re-entered password counts
    for a few minutes only, so a test that needs one makes them anew rather than relying
    on when the module started (slow machines, or a shuffled order, run it later)."""
    for person in set(PERSON.values()):
        user = world.people[person]
        fresh = Client()
        fresh.force_login(user)
        response = fresh.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        assert response.status_code == HTTPStatus.FOUND, person
        world.fresh_sessions[person] = fresh.session.session_key
