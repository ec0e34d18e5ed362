"""Every kind of notice, produced by the real domain method that makes its item visible,
with a marker in every field anyone writes. Each scenario returns the person who acted;
`TOLD` says who must be told, relative to them."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Membership, SafetyCheck
from acknowledgement.models import STEPS as LETTER_STEPS
from acknowledgement.models import Letter, LetterComment, LetterReply, Receive
from agreements.models import Agreement
from checkins import weeks
from checkins.models import TEXT_FIELDS, CheckIn
from forgiveness.models import Message
from forgiveness.models import Reflection as ForgivenessReflection
from intensives.models import Intensive
from notices.models import Kind
from notices.services import member_ids, notify
from pacing.models import gate_for
from practice.models import About, Agenda, AgendaItem, ForWhom, Practice, this_week
from repair.models import PlanChange, Repair
from rituals.models import Lead, Reminder, Ritual
from rituals.reminders import remind_rituals
from therapists.alerts import alert_new_flags
from therapists.models import Consent, NoteVisibility, TherapistLink, TherapistNote
from together.models import GoalChange, Pause, Question
from transparency.models import HeadsUp, Telling, WeekPlan
from triggers.models import Trigger

MARK = "zq-notice-marker"


def written(field: str) -> str:
    return f"{MARK}-{field}"


def member(user) -> Membership:
    return Membership.objects.active().select_related("couple", "user").get(user=user)


def shared_trigger(author, sharing="share_now") -> Trigger:
    now = timezone.now()
    return Trigger.record(
        member(author),
        now,
        occurred_at=now,
        category="memory",
        intensity=7,
        sharing=sharing,
        what_happened=written("what_happened"),
        body_response=written("body_response"),
        what_helped=written("what_helped"),
    )


def answers(rating=6) -> dict:
    ratings = dict.fromkeys(["safety", "trust", "connection", "hope"], rating)
    return ratings | {name: written(name) for name in TEXT_FIELDS}


def proposal(w):
    agreement = Agreement.objects.for_couple(w.couple)
    sections = {key: written(key) for key in ("digital", "contact")}
    return agreement.propose(
        member(w.hurt), sections=sections, reason=written("reason"), based_on=None
    )


def question(w, readiness="ready_now") -> Question:
    return Question.ask(member(w.hurt), written("question"), readiness)


def goal_change(w) -> GoalChange:
    return GoalChange.propose(
        member(w.hurt), None, written("title"), written("why"), [written("step")]
    )


def therapist_link(w) -> TherapistLink:
    # A new invitation needs the world's link (with both consents) closed first.
    TherapistLink.objects.filter(couple=w.couple).update(ended_at=timezone.now())
    return TherapistLink.invite(member(w.hurt), therapist=w.therapist)


# name: (kind, act(world) -> the person who acted, who is told: "partner", "both" or None)
def _trigger_now(w):
    shared_trigger(w.hurt)
    return w.hurt


def _trigger_at_checkin(w):
    shared_trigger(w.hurt, "at_checkin")
    return w.hurt


def _trigger_private(w):
    shared_trigger(w.hurt, "private")
    return w.hurt


def _trigger_shared_later(w):
    trigger = shared_trigger(w.hurt, "private")
    trigger.revise({"sharing": "share_now"}, timezone.now())
    return w.hurt


def _reassurance(w):
    trigger = shared_trigger(w.hurt)
    trigger.reassure(w.involved, written("reassurance"), timezone.now())
    return w.involved


def _first_checkin(w):
    CheckIn.objects.current_for(w.couple).submit(w.hurt, answers())
    return w.hurt


def _revealed_checkin(w):
    checkin = CheckIn.objects.current_for(w.couple)
    checkin.submit(w.hurt, answers())
    checkin.submit(w.involved, answers())
    return w.involved


def _question_asked(w):
    question(w)
    return w.hurt


def _answer(w):
    question(w).answer(member(w.involved), written("answer"))
    return w.involved


def _revised_answer(w):
    asked = question(w)
    asked.answer(member(w.involved), written("answer"))
    asked.answer(member(w.involved), written("answer-revised"))
    return w.involved


def _answer_kept_for_session(w):
    question(w, "at_session").answer(member(w.involved), written("answer"))
    return w.involved


def _revisit(w):
    asked = question(w)
    asked.answer(member(w.involved), written("answer"))
    asked.ask_to_revisit(member(w.hurt))
    return w.hurt


def _pause(w):
    Pause.start(member(w.hurt), timezone.now() + timedelta(minutes=20), written("reason"))
    return w.hurt


def _pause_ended(w):
    pause = Pause.start(member(w.hurt), timezone.now() + timedelta(hours=1), written("reason"))
    pause.end(member(w.hurt))
    return w.hurt


def _proposal(w):
    proposal(w)
    return w.hurt


def _accepted(w):
    proposal(w).accept(member(w.involved))
    return w.involved


def _declined(w):
    proposal(w).decline(member(w.involved), written("decline_comment"))
    return w.involved


def _withdrawn(w):
    proposal(w).withdraw(member(w.hurt))
    return w.hurt


def _review_opened(w):
    version = proposal(w)
    version.accept(member(w.involved))
    Agreement.objects.for_couple(w.couple).open_review_if_due(timezone.now() + timedelta(days=31))
    return w.involved


def _goal_change(w):
    goal_change(w)
    return w.hurt


def _goal_decided(w):
    goal_change(w).accept(member(w.involved))
    return w.involved


def _consent_asked(w):
    therapist_link(w)
    return w.hurt


def _consent_given(w):
    Consent.give(therapist_link(w), member(w.involved))
    return w.involved


def _consent_withdrawn(w):
    link = therapist_link(w)
    Consent.give(link, member(w.involved))
    Consent.withdraw(link, w.involved)
    return w.involved


def _therapist_note(w):
    TherapistNote.write(w.couple, w.therapist, written("note"), NoteVisibility.COUPLE)
    return w.therapist


def _private_therapist_note(w):
    TherapistNote.write(w.couple, w.therapist, written("private-note"), NoteVisibility.PRIVATE)
    return w.therapist


def side(stage: str) -> dict:
    words = {
        "feelings_words": written("feelings_words"),
        "what_it_was_like": written("what_it_was_like"),
    }
    if stage == "first":
        return words
    return words | {name: written(name) for name in ("heard", "my_part", "next_time", "need")}


def repair_started(w) -> Repair:
    repair, _created = Repair.start(member(w.hurt), "own")
    return repair


def repair_finished(w) -> Repair:
    """Both wrote what it was like; Alex finished; Sam finishes second."""
    repair = repair_started(w)
    repair.save_side(member(w.hurt), side("first"))
    repair.save_side(member(w.involved), side("full"), finish=True)
    repair.save_side(member(w.hurt), side("full"), finish=True)
    return repair


def _repair_started(w):
    repair_started(w)
    return w.hurt


def _repair_draft(w):
    repair_started(w).save_side(member(w.hurt), side("first"))
    return w.hurt


def _repair_one_finished(w):
    repair = repair_started(w)
    repair.save_side(member(w.involved), side("first"))
    repair.save_side(member(w.hurt), side("full"), finish=True)
    return w.hurt


def _repair_revealed(w):
    repair_finished(w)
    return w.hurt


def _repair_still_waiting(w):
    repair_started(w)
    Repair.objects.remind_unanswered(timezone.now() + timedelta(days=3))
    return w.hurt


def _repair_withdrawn(w):
    repair_started(w).withdraw(member(w.hurt))
    return w.hurt


def _repair_plan(w):
    PlanChange.propose(member(w.hurt), repair_finished(w), [written("step")], 0)
    return w.hurt


def _repair_plan_decided(w):
    change = PlanChange.propose(member(w.hurt), repair_finished(w), [written("step")], 0)
    change.accept(member(w.involved))
    return w.involved


def _partner_left(w):
    # What the leave and delete flows do before the space closes: tell whoever stays.
    notify(Kind.PARTNER_LEFT, member_ids(w.couple.pk, exclude=w.involved.pk), "/")
    w.couple.end()
    return w.involved


def heads_up(w) -> HeadsUp:
    return HeadsUp.post(member(w.involved), "running_late", line=written("line"))


def _heads_up(w):
    heads_up(w)
    return w.involved


def _heads_up_changed(w):
    heads_up(w).edit(member(w.involved), "change_of_plan", timezone.now(), written("new"), "")
    return w.involved


def _heads_up_thanked(w):
    heads_up(w).thank(member(w.hurt))
    return w.hurt


def plans(w, share=True) -> WeekPlan:
    week = weeks.week_start_for(timezone.now(), w.couple.zone)
    return WeekPlan.save_for(member(w.involved), week, [written("monday")], share=share)


def _plans_shared(w):
    plans(w)
    return w.involved


def _plans_draft(w):
    plans(w, share=False)
    return w.involved


def _plans_changed(w):
    plan = plans(w)
    WeekPlan.save_for(member(w.involved), plan.week_start, [written("tuesday")], share=True)
    return w.involved


def _telling(w):
    Telling.offer(member(w.involved), written("telling"), for_session=True)
    return w.involved


def _forgiveness_draft(w):
    ForgivenessReflection.objects.create(author=w.hurt, text=written("forgiveness-reflection"))
    Message.objects.create(couple=w.couple, author=w.hurt, text=written("forgiveness-draft"))
    return w.hurt


def _forgiveness_shared(w):
    message = Message.objects.create(
        couple=w.couple, author=w.hurt, text=written("forgiveness-message")
    )
    message.share(member(w.hurt))
    return w.hurt


def letter(w, ready=True) -> Letter:
    alex = member(w.involved)
    draft = Letter.save_draft(alex, {name: written(name) for name in LETTER_STEPS}, 1)
    if ready:
        draft.mark_ready(alex)
    return draft


def _letter_drafted(w):
    letter(w, ready=False)
    return w.involved


def _letter_ready(w):
    letter(w)
    return w.involved


def _letter_for_the_session(w):
    letter(w).choose(member(w.hurt), Receive.SESSION)
    return w.hurt


def _letter_received(w):
    letter(w).choose(member(w.hurt), Receive.NOW)
    return w.hurt


def _consenting_link(w) -> TherapistLink:
    link = therapist_link(w)
    for partner in (w.hurt, w.involved):
        Consent.give(link, member(partner))
    return link


def _both_consented(w):
    _consenting_link(w)
    return w.involved


def _flag_raised(w):
    SafetyCheck.objects.create(user=w.involved, afraid="yes", share_with_therapist=True)
    alert_new_flags()
    return w.involved


def _flag_without_consent(w):
    Consent.withdraw(TherapistLink.objects.get(couple=w.couple), w.hurt)
    return _flag_raised(w)


def _letter_read_asked(w):
    _consenting_link(w)
    letter(w, ready=False).ask_review(member(w.involved))
    return w.involved


def _letter_comment(w):
    _letter_read_asked(w)
    LetterComment.write(w.couple, w.therapist, written("comment"))
    return w.therapist


def _letter_answer(w, share: bool):
    received = letter(w)
    received.choose(member(w.hurt), Receive.NOW)
    LetterReply.save_for(member(w.hurt), received, written("answer"), share=share)
    return w.hurt


def ritual(w) -> Ritual:
    hurt = member(w.hurt)
    return Ritual.propose(
        hurt,
        gate_for(w.couple),
        title=written("ritual"),
        rhythm="daily",
        days=0,
        at_time=None,
        timezone="UTC",
        starts_on=timezone.now().date(),
    )


def _ritual_proposed(w):
    ritual(w)
    return w.hurt


def _ritual_accepted(w):
    ritual(w).accept(member(w.involved), gate_for(w.couple))
    return w.involved


def _ritual_end_asked(w):
    agreed = ritual(w)
    agreed.accept(member(w.involved), gate_for(w.couple))
    agreed.ask_to_end(member(w.hurt))
    return w.hurt


def _ritual_paused(w):
    agreed = ritual(w)
    agreed.accept(member(w.involved), gate_for(w.couple))
    agreed.pause(member(w.hurt))
    return w.hurt


def _ritual_ended(w):
    agreed = ritual(w)
    agreed.accept(member(w.involved), gate_for(w.couple))
    agreed.ask_to_end(member(w.hurt))
    agreed.agree_to_end(member(w.involved))
    return w.involved


def _ritual_declined(w):
    ritual(w).decline(member(w.involved))
    return w.involved


def _ritual_kept_by(role: str):
    """Sam asks to end an agreed ritual; `role` ("involved" or "hurt") keeps it going."""

    def act(w):
        agreed = ritual(w)
        agreed.accept(member(w.involved), gate_for(w.couple))
        agreed.ask_to_end(member(w.hurt))
        keeper = getattr(w, role)
        agreed.keep_going(member(keeper))
        return keeper

    return act


def _ritual_coming_up(w):
    """Sam asked to be reminded of a daily ritual: at the lead time, she alone is told."""
    agreed = ritual(w)
    agreed.accept(member(w.involved), gate_for(w.couple))
    Reminder.objects.create(ritual=agreed, person=w.hurt, lead_minutes=Lead.HOUR)
    day = agreed.schedule.next_after(timezone.now())
    remind_rituals(agreed.schedule.moment(day) - timedelta(minutes=30))
    return w.hurt


def _practice_for(for_whom: str):
    def act(w):
        Practice.write(
            w.couple,
            w.therapist,
            text=written("practice"),
            due_week=this_week(w.couple),
            for_whom=for_whom,
        )
        return w.therapist

    return act


def _intensive_planned(w):
    today = timezone.now().astimezone(w.couple.zone).date()
    Intensive.plan(w.couple, w.therapist, today, today + timedelta(days=1))
    return w.therapist


def _agenda_item(w):
    AgendaItem.add(member(w.hurt), about=About.OWN, text=written("agenda-item"))
    return w.hurt


def _agenda_item_without_a_therapist(w):
    TherapistLink.objects.filter(couple=w.couple).update(ended_at=timezone.now())
    return _agenda_item(w)


def _agenda_closed(w):
    _agenda_item(w)
    Agenda.open_for(w.couple).close(w.therapist, written("agenda-note"))
    return w.therapist


SCENARIOS = {
    "trigger shared now": (Kind.TRIGGER_WAITING, _trigger_now, "partner"),
    "trigger for the check-in": (Kind.TRIGGER_WAITING, _trigger_at_checkin, None),
    "private trigger": (Kind.TRIGGER_WAITING, _trigger_private, None),
    "private trigger shared later": (Kind.TRIGGER_WAITING, _trigger_shared_later, "partner"),
    "reassurance": (Kind.REASSURANCE_ARRIVED, _reassurance, "partner"),
    "first check-in answer": (Kind.PARTNER_CHECKED_IN, _first_checkin, "partner"),
    "sealed check-in not revealed": (Kind.CHECKIN_REVEALED, _first_checkin, None),
    "check-in revealed": (Kind.CHECKIN_REVEALED, _revealed_checkin, "partner"),
    "question asked": (Kind.QUESTION_WAITING, _question_asked, "partner"),
    "answer": (Kind.ANSWER_ARRIVED, _answer, "partner"),
    "revised answer": (Kind.ANSWER_REVISED, _revised_answer, "partner"),
    "answer kept for the session": (Kind.ANSWER_ARRIVED, _answer_kept_for_session, None),
    "asked to revisit": (Kind.QUESTION_WAITING, _revisit, "partner"),
    "pause asked": (Kind.PAUSE_ASKED, _pause, "partner"),
    "pause ended": (Kind.PAUSE_ENDED, _pause_ended, "partner"),
    "proposal": (Kind.PROPOSAL_WAITING, _proposal, "partner"),
    "proposal accepted": (Kind.PROPOSAL_ACCEPTED, _accepted, "partner"),
    "proposal declined": (Kind.PROPOSAL_DECLINED, _declined, "partner"),
    "proposal withdrawn": (Kind.PROPOSAL_WITHDRAWN, _withdrawn, "partner"),
    "review opened": (Kind.REVIEW_OPENED, _review_opened, "both"),
    "goal change": (Kind.GOAL_CHANGE_WAITING, _goal_change, "partner"),
    "goal change decided": (Kind.GOAL_CHANGE_DECIDED, _goal_decided, "partner"),
    "therapist invited": (Kind.CONSENT_ASKED, _consent_asked, "partner"),
    "consent given": (Kind.CONSENT_GIVEN, _consent_given, "partner"),
    "consent withdrawn": (Kind.CONSENT_WITHDRAWN, _consent_withdrawn, "partner"),
    "therapist note for the couple": (Kind.THERAPIST_NOTE, _therapist_note, "couple"),
    "private therapist note": (Kind.THERAPIST_NOTE, _private_therapist_note, None),
    "partner left": (Kind.PARTNER_LEFT, _partner_left, "partner"),
    "repair started": (Kind.REPAIR_WAITING, _repair_started, "partner"),
    "repair side drafted": (Kind.REPAIR_PARTNER_FINISHED, _repair_draft, None),
    "repair side finished": (Kind.REPAIR_PARTNER_FINISHED, _repair_one_finished, "partner"),
    "repair sealed, one side finished": (Kind.REPAIR_REVEALED, _repair_one_finished, None),
    "repair revealed": (Kind.REPAIR_REVEALED, _repair_revealed, "partner"),
    "repair still unanswered": (Kind.REPAIR_STILL_WAITING, _repair_still_waiting, "partner"),
    "repair withdrawn": (Kind.REPAIR_WITHDRAWN, _repair_withdrawn, "partner"),
    "repair plan proposed": (Kind.REPAIR_PLAN_WAITING, _repair_plan, "partner"),
    "repair plan decided": (Kind.REPAIR_PLAN_DECIDED, _repair_plan_decided, "partner"),
    "heads-up": (Kind.HEADS_UP_SHARED, _heads_up, "partner"),
    "heads-up changed": (Kind.HEADS_UP_CHANGED, _heads_up_changed, "partner"),
    "heads-up thanked": (Kind.HEADS_UP_THANKED, _heads_up_thanked, "partner"),
    "plans shared": (Kind.PLANS_SHARED, _plans_shared, "partner"),
    "plans kept as a draft": (Kind.PLANS_SHARED, _plans_draft, None),
    "plans changed after sharing": (Kind.PLANS_CHANGED, _plans_changed, "partner"),
    "something to tell": (Kind.TELLING_OFFERED, _telling, "partner"),
    "forgiveness reflected on, a draft kept": (Kind.FORGIVENESS_SHARED, _forgiveness_draft, None),
    "forgiveness message shared": (Kind.FORGIVENESS_SHARED, _forgiveness_shared, "partner"),
    "letter drafted": (Kind.LETTER_READY, _letter_drafted, None),
    "letter ready": (Kind.LETTER_READY, _letter_ready, "partner"),
    "letter kept for the session": (Kind.LETTER_RECEIVED, _letter_for_the_session, None),
    "letter received now": (Kind.LETTER_RECEIVED, _letter_received, "partner"),
    "letter draft to read first": (Kind.LETTER_READ_ASKED, _letter_read_asked, "therapist"),
    "comment on a letter draft": (Kind.LETTER_COMMENT, _letter_comment, "involved"),
    "answer to a letter kept private": (
        Kind.LETTER_REPLY,
        lambda w: _letter_answer(w, share=False),
        None,
    ),
    "answer to a letter shared": (
        Kind.LETTER_REPLY,
        lambda w: _letter_answer(w, share=True),
        "partner",
    ),
    "ritual suggested": (Kind.RITUAL_PROPOSED, _ritual_proposed, "partner"),
    "ritual agreed": (Kind.RITUAL_ACCEPTED, _ritual_accepted, "partner"),
    "ritual paused (nothing asked)": (Kind.RITUAL_END_ASKED, _ritual_paused, None),
    "ritual asked to end": (Kind.RITUAL_END_ASKED, _ritual_end_asked, "partner"),
    "ritual ended by both": (Kind.RITUAL_ENDED, _ritual_ended, "partner"),
    "ritual reminder": (Kind.RITUAL_COMING_UP, _ritual_coming_up, "hurt"),
    "ritual suggestion declined": (Kind.RITUAL_DECLINED, _ritual_declined, "partner"),
    "ritual kept by the partner": (Kind.RITUAL_KEPT, _ritual_kept_by("involved"), "partner"),
    "ritual: asker changed their mind": (Kind.RITUAL_KEPT, _ritual_kept_by("hurt"), None),
    "practice for both": (Kind.PRACTICE_WRITTEN, _practice_for(ForWhom.BOTH), "couple"),
    "practice for the hurt partner": (Kind.PRACTICE_WRITTEN, _practice_for(ForWhom.HURT), "hurt"),
    "practice for the involved partner": (
        Kind.PRACTICE_WRITTEN,
        _practice_for(ForWhom.INVOLVED),
        "involved",
    ),
    "agenda item added": (Kind.AGENDA_ITEM_ADDED, _agenda_item, "therapist"),
    "agenda item, no therapist": (
        Kind.AGENDA_ITEM_ADDED,
        _agenda_item_without_a_therapist,
        None,
    ),
    "agenda closed with a note": (Kind.AGENDA_CLOSED, _agenda_closed, "couple"),
    "intensive planned": (Kind.INTENSIVE_PLANNED, _intensive_planned, "couple"),
    "a couple links the therapist": (Kind.COUPLE_LINKED, _consent_asked, "therapist"),
    "both partners agree": (Kind.COUPLE_SHARING, _both_consented, "therapist"),
    "one partner agrees": (Kind.COUPLE_SHARING, _consent_given, None),
    "a flag appears": (Kind.FLAG_RAISED, _flag_raised, "therapist"),
    "a flag, without consent": (Kind.FLAG_RAISED, _flag_without_consent, None),
}
