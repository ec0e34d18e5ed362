"""The authorization matrix: every URL pattern x every method x every kind of person.

Each row of EXPECTED is one URL name (or "name (variant)" for the same pattern with a
more private object) and says, per method, what each actor gets, in this column order:

    anonymous, author (Sam, hurt partner), partner (Alex, involved partner),
    outsider (Robin, member of another couple), therapist (Dr. Lee, both consents),
    revoked (Dr. Lee after Sam withdrew consent), unlinked (Dr. Ng), staff (superuser)

An action whose form errors are shown on its page answers a plain visit (GET) with a
redirect to that page (`recovery.decorators.post_only`), whoever asks: the page checks.

Outcomes: a status code; "302" is a redirect to a page (not to log in); LOGIN is the
redirect to the login page; AUTH is the redirect to re-enter the password. "OTHER"
stands for PUT, PATCH and DELETE and defaults to LOGIN for anonymous visitors and 405
for everyone else; "HX-GET"/"HX-POST" (htmx requests) default to the GET/POST row.
Requests are real: ids are those of the couple's own objects (tests/security/world.py),
POSTs carry no form fields, and whatever a request changes is rolled back. Rows marked
"(password just re-entered)" are made with sessions that have just re-authenticated.

django-allauth's own pages and the Django admin are covered as groups (see the end).
A URL pattern with no row, or a row with no pattern, fails `test_every_url_has_a_row`.
"""

from http import HTTPStatus
from urllib.parse import urlparse

import pytest
from django.urls import reverse

from .routes import all_routes, case_keys, case_url, is_fresh
from .world import ACTORS, SIGNED_IN, reauthenticate_everyone

OTHER_METHODS = ("PUT", "PATCH", "DELETE")
DEFAULT_OTHER = "LOGIN " + " ".join(["405"] * len(SIGNED_IN))

EXPECTED = {
    # Columns:  anon  auth  partn outsd thera revok unlnk staff
    # The outsider is a member too: pages about "my couple" show Robin his own couple.
    "home": {  # therapists go to their dashboard
        "GET": "LOGIN 200   200   200   302   302   302   200",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    # What's new: everyone signed in has their own inbox (their own notices only).
    "notices:inbox": {
        "GET": "LOGIN 200   200   200   200   200   200   200",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "notices:mark_all_read": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   302   302   302   302   302   302",
    },
    "notices:count": {  # the navigation's count, for htmx; a plain visit goes to the inbox
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 405   405   405   405   405   405   405",
        "HX-GET": "LOGIN 200   200   200   200   200   200   200",
    },
    "agreements:overview": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "agreements:compare": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "agreements:history": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "agreements:print": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "agreements:propose": {  # Sam's proposal is waiting: GET leads to it
        "GET": "LOGIN 302   302   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "agreements:review": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   409   404   404   404   404",
    },
    "agreements:reaffirm": {  # no section named: a form error
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "agreements:version": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "agreements:accept": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 409   302   404   404   404   404   404",
    },
    "agreements:decline": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   404   404   404   404   404",
    },
    "agreements:withdraw": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    "checkins:this_week": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "checkins:history": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "checkins:week": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "checkins:save_answer": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   302   302   404   404   404   404",
        "HX-POST": "LOGIN 422   200   200   404   404   404   404",
    },
    "checkins:status": {
        "GET": "LOGIN 302   302   302   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
        "HX-GET": "LOGIN 200   200   200   404   404   404   404",
    },
    "checkins:save_shared": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "pacing:index": {  # membership is checked before the method here
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   404   404   404   404",
        "OTHER": "LOGIN 405   405   405   404   404   404   404",
    },
    "pacing:exercise": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   404   404   404   404",
        "OTHER": "LOGIN 405   405   405   404   404   404   404",
    },
    "pacing:start": {
        "GET": "LOGIN 405   405   405   404   404   404   404",
        "POST": "LOGIN 302   302   302   404   404   404   404",
        "OTHER": "LOGIN 405   405   405   404   404   404   404",
    },
    "pacing:readiness": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
        "OTHER": "LOGIN 405   405   405   404   404   404   404",
    },
    "pacing:false_connection": {  # each partner's own check; an empty one is a form error
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
        "OTHER": "LOGIN 405   405   405   404   404   404   404",
    },
    "pacing:session": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   404   404   404   404   404",
        "OTHER": "LOGIN 405   405   404   404   404   404   404",
    },
    "pacing:complete": {
        "GET": "LOGIN 405   405   404   404   404   404   404",
        "POST": "LOGIN 302   302   404   404   404   404   404",
        "OTHER": "LOGIN 405   405   404   404   404   404   404",
    },
    "pacing:reflect": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 422   422   404   404   404   404   404",
        "OTHER": "LOGIN 405   405   404   404   404   404   404",
    },
    # Forgiveness is Sam's alone (the hurt partner): every URL and method is a 404 for
    # Alex, for the therapist and for staff, as for a page that does not exist. Robin
    # is the hurt partner of his own couple: his space, never Sam's messages.
    "forgiveness:space": {  # an empty reflection is a form error
        "GET": "LOGIN 200   404   200   404   404   404   404",
        "POST": "LOGIN 422   404   422   404   404   404   404",
        "OTHER": "LOGIN 405   404   405   404   404   404   404",
    },
    "forgiveness:write": {
        "GET": "LOGIN 200   404   200   404   404   404   404",
        "POST": "LOGIN 422   404   422   404   404   404   404",
        "OTHER": "LOGIN 405   404   405   404   404   404   404",
    },
    "forgiveness:message": {  # Sam's private draft
        "GET": "LOGIN 200   404   404   404   404   404   404",
        "POST": "LOGIN 422   404   404   404   404   404   404",
        "OTHER": "LOGIN 405   404   404   404   404   404   404",
    },
    "forgiveness:share": {  # sharing is Sam's choice alone
        "GET": "LOGIN 405   404   405   404   404   404   404",
        "POST": "LOGIN 302   404   404   404   404   404   404",
        "OTHER": "LOGIN 405   404   405   404   404   404   404",
    },
    "forgiveness:message (shared)": {  # Alex reads it; only Sam could change a draft
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 302   403   404   404   404   404   404",
        "OTHER": "LOGIN 405   405   404   404   404   404   404",
    },
    "forgiveness:share (shared)": {
        "GET": "LOGIN 405   404   405   404   404   404   404",
        "POST": "LOGIN 302   404   404   404   404   404   404",
        "OTHER": "LOGIN 405   404   405   404   404   404   404",
    },
    "join": {  # Kim's invitation to a friend: only the friend's account may open it
        "GET": "200   403   403   403   403   403   403   403",
        "POST": "LOGIN 403   403   403   403   403   403   403",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "profile": {
        "GET": "LOGIN 200   200   200   200   200   200   200",
        "POST": "LOGIN 422   422   422   422   422   422   422",
    },
    "language_settings": {  # the settings page's language form; a visit goes to that page
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   422   422   422   422   422",
    },
    "notification_settings": {
        "GET": "LOGIN 200   200   200   200   200   200   200",
        "POST": "LOGIN 422   422   422   422   422   422   422",
    },
    # Notifications on a device: everyone signed in may turn them on for their browser
    # (an empty POST is a form error); a device is removed only by its owner, Sam.
    "add_device": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   422   422   422   422   422",
    },
    "remove_device": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   404   404   404   404   404   404",
    },
    "safety_check": {
        "GET": "LOGIN 200   200   200   200   200   200   200",
        "POST": "LOGIN 422   422   422   422   422   422   422",
    },
    "invite_partner": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 302   302   302   404   404   404   404",
    },
    "revoke_invitation": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   302   302   404   404   404   404",
    },
    "leave_couple": {
        "GET": "LOGIN AUTH  AUTH  AUTH  404   404   404   404",
        "POST": "LOGIN AUTH  AUTH  AUTH  404   404   404   404",
    },
    "leave_couple (password just re-entered)": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 302   302   302   404   404   404   404",
    },
    # Data rights: everyone exports or deletes only their own account, after
    # entering their password again.
    "export": {
        "GET": "LOGIN AUTH  AUTH  AUTH  AUTH  AUTH  AUTH  AUTH",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "export (password just re-entered)": {
        "GET": "LOGIN 200   200   200   200   200   200   200",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "export_download": {
        "GET": "LOGIN AUTH  AUTH  AUTH  AUTH  AUTH  AUTH  AUTH",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "export_download (password just re-entered)": {
        "GET": "LOGIN 200   200   200   200   200   200   200",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "delete_account": {
        "GET": "LOGIN AUTH  AUTH  AUTH  AUTH  AUTH  AUTH  AUTH",
        "POST": "LOGIN AUTH  AUTH  AUTH  AUTH  AUTH  AUTH  AUTH",
    },
    "delete_account (password just re-entered)": {
        "GET": "LOGIN 200   200   200   200   200   200   200",
        "POST": "LOGIN 422   422   422   422   422   422   422",
    },
    "start_couple": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   302   302   302   302   302   422",
    },
    "health": {  # for a load balancer; says only which services answer
        "GET": "200   200   200   200   200   200   200   200",
        "POST": "405   405   405   405   405   405   405   405",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "support": {
        "GET": "200   200   200   200   200   200   200   200",
        "POST": "405   405   405   405   405   405   405   405",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "robots_txt": {
        "GET": "200   200   200   200   200   200   200   200",
        "POST": "405   405   405   405   405   405   405   405",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    # On the phone's home screen: what the browser itself asks for, public and neutral.
    "installable:manifest": {  # its name follows the person's discreet setting
        "GET": "200   200   200   200   200   200   200   200",
        "POST": "405   405   405   405   405   405   405   405",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "installable:service_worker": {
        "GET": "200   200   200   200   200   200   200   200",
        "POST": "405   405   405   405   405   405   405   405",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "installable:offline": {  # names nothing and no one
        "GET": "200   200   200   200   200   200   200   200",
        "POST": "405   405   405   405   405   405   405   405",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "leave": {  # the quick exit's quiet sign-out
        "GET": "405   405   405   405   405   405   405   405",
        "POST": "204   204   204   204   204   204   204   204",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "come_back": {
        "GET": "LOGIN LOGIN LOGIN LOGIN LOGIN LOGIN LOGIN LOGIN",
        "POST": "405   405   405   405   405   405   405   405",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "therapists:couple_settings": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    # Consent: reading the page is free; giving or withdrawing it asks for the password
    # again. Robin (outsider) acts on his own couple, which has no therapist.
    "therapists:consent": {
        "GET": "LOGIN 200   200   302   404   404   404   404",
        "POST": "LOGIN AUTH  AUTH  AUTH  404   404   404   404",
    },
    "therapists:consent (password just re-entered)": {
        "GET": "LOGIN 200   200   302   404   404   404   404",
        "POST": "LOGIN 302   302   302   404   404   404   404",
    },
    "therapists:withdraw_consent": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN AUTH  AUTH  AUTH  404   404   404   404",
    },
    "therapists:withdraw_consent (password just re-entered)": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   302   302   404   404   404   404",
    },
    "therapists:dashboard": {
        "GET": "LOGIN 404   404   404   200   200   200   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "therapists:couple_detail": {  # access is checked before the method
        "GET": "LOGIN 404   404   404   200   404   404   404",
        "POST": "LOGIN 404   404   404   405   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
    "therapists:add_note": {
        "GET": "LOGIN 404   404   404   405   404   404   404",
        "POST": "LOGIN 404   404   404   422   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
    "therapists:set_label": {
        "GET": "LOGIN 404   404   404   405   404   404   404",
        "POST": "LOGIN 404   404   404   302   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
    "therapists:set_ceiling": {
        "GET": "LOGIN 404   404   404   405   404   404   404",
        "POST": "LOGIN 404   404   404   422   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
    "therapists:suggest_exercise": {
        "GET": "LOGIN 404   404   404   405   404   404   404",
        "POST": "LOGIN 404   404   404   422   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
    "therapists:csi": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "therapists:end_link": {  # GET asks first; Robin's couple has no therapist
        "GET": "LOGIN 200   200   302   404   404   404   404",
        "POST": "LOGIN 302   302   302   404   404   404   404",
    },
    "therapists:invite_by_code": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "therapists:invite_by_email": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "therapists:setup": {
        "GET": "LOGIN 200   200   200   200   200   200   200",
        "POST": "LOGIN 409   409   409   422   422   422   422",
    },
    "together:today": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "together:goals": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "together:mark_step": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   302   404   404   404   404   404",
        "HX-POST": "LOGIN 200   200   404   404   404   404   404",
    },
    "together:goal": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "together:propose_change": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   404   404   404   404   404",
    },
    "together:accept_change": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   302   404   404   404   404   404",
    },
    "together:decline_change": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   302   404   404   404   404   404",
    },
    "together:withdraw_change": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    # Repairs: a couple's own; Sam finished his side of the open one, Alex has begun.
    "repair:list": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "repair:start": {  # the couple's open repair is found again; Robin starts his own
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 302   302   302   404   404   404   404",
    },
    "repair:detail": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "repair:save_side": {  # Sam has finished: nothing more to save
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   302   404   404   404   404   404",
    },
    "repair:answer_heard": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   404   404   404   404   404",
    },
    "repair:withdraw": {  # Alex has begun, so Sam can no longer withdraw it
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    "repair:propose_plan": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   404   404   404   404   404",
    },
    "repair:accept_plan": {  # Sam proposed it
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   302   404   404   404   404   404",
    },
    "repair:decline_plan": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   302   404   404   404   404   404",
    },
    "repair:withdraw_plan": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    "repair:detail (both finished)": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "repair:save_side (both finished)": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   404   404   404   404   404",
    },
    # Rituals: Tea daily, agreed by both; Sam's walk waits for Alex's answer.
    "rituals:index": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "rituals:new": {  # posted empty: a form error
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "rituals:detail": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "rituals:mark": {  # posted empty: a form error on the ritual's page
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   404   404   404   404   404",
    },
    "rituals:remind": {  # posted empty: "no reminder", for the caller only
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 302   302   404   404   404   404   404",
    },
    "rituals:accept": {  # Sam suggested it: Alex answers
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   302   404   404   404   404   404",
    },
    "rituals:decline": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   302   404   404   404   404   404",
    },
    "rituals:withdraw": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    **{
        f"rituals:{name}": {  # either partner, without asking the other
            "GET": "LOGIN 405   405   405   405   405   405   405",
            "POST": "LOGIN 302   302   404   404   404   404   404",
        }
        for name in ("pause", "resume", "ask_to_end", "keep_going")
    },
    "rituals:agree_to_end": {  # nobody asked to end it
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   403   404   404   404   404   404",
    },
    # The deck: every member has one for their couple (Robin's own).
    "rituals:deck": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    **{
        f"rituals:{name}": {
            "GET": "LOGIN 405   405   405   405   405   405   405",
            "POST": "LOGIN 302   302   302   404   404   404   404",
        }
        for name in ("draw", "skip", "favourite")
    },
    "rituals:answer": {  # posted empty: a form error
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "rituals:answer (closed tier)": {  # refused kindly, for every method
        "GET": "LOGIN 403   403   403   404   404   404   404",
        "POST": "LOGIN 403   403   403   404   404   404   404",
    },
    "rituals:favourite (closed tier)": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   403   403   404   404   404   404",
    },
    "rituals:therapist_couple": {
        "GET": "LOGIN 404   404   404   200   404   404   404",
        "POST": "LOGIN 404   404   404   405   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
    # Practice: Dr. Lee's practice for both on an open exercise; one for Alex only; one
    # on an exercise of a closed tier (shown as waiting, never started nor marked).
    "practice:agenda": {  # posted empty: a form error; Robin has his couple's own
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "practice:detail": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "practice:mark": {  # posted empty: "nothing marked", for the caller only
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 302   302   404   404   404   404   404",
    },
    "practice:start": {  # the exercise's session starts
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 302   302   404   404   404   404   404",
    },
    "practice:detail (for Alex only)": {
        "GET": "LOGIN 404   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "practice:mark (for Alex only)": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 404   302   404   404   404   404   404",
    },
    "practice:start (for Alex only)": {  # his therapist's own words: nothing to start
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 404   302   404   404   404   404   404",
    },
    "practice:detail (closed tier)": {  # shown as waiting for the right time
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "practice:mark (closed tier)": {  # refused kindly
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 403   403   404   404   404   404   404",
    },
    "practice:start (closed tier)": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 403   403   404   404   404   404   404",
    },
    "practice:therapist_couple": {
        "GET": "LOGIN 404   404   404   200   404   404   404",
        "POST": "LOGIN 404   404   404   405   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
    **{
        f"practice:{name}": {  # posted empty: a form error on the practice page
            "GET": "LOGIN 404   404   404   405   404   404   404",
            "POST": "LOGIN 404   404   404   422   404   404   404",
            "OTHER": "LOGIN 404   404   404   405   404   404   404",
        }
        for name in ("write", "close_agenda")
    },
    # Intensives: Dr. Lee's plan, under way: a conversation guide open now, a step on an
    # exercise of a closed tier (refused kindly), and a guide that opens tomorrow.
    "intensives:detail": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "intensives:step": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "intensives:start": {  # the conversation begins
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 302   302   404   404   404   404   404",
    },
    "intensives:next_turn": {  # posted empty: no turn named, a form error
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   422   404   404   404   404   404",
    },
    "intensives:complete": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 302   302   404   404   404   404   404",
    },
    **{
        f"intensives:step ({variant})": {  # shown, saying why it waits
            "GET": "LOGIN 200   200   404   404   404   404   404",
            "POST": "LOGIN 405   405   405   405   405   405   405",
        }
        for variant in ("closed tier", "not open yet")
    },
    **{
        f"intensives:{name} ({variant})": {  # refused kindly; htmx is sent to the step
            "GET": "LOGIN 302   302   302   302   302   302   302",
            "POST": "LOGIN 403   403   404   404   404   404   404",
            "HX-POST": "LOGIN 200   200   404   404   404   404   404",
        }
        for name in ("start", "next_turn", "complete")
        for variant in ("closed tier", "not open yet")
    },
    **{
        f"intensives:{name}": {
            "GET": "LOGIN 404   404   404   200   404   404   404",
            "POST": "LOGIN 404   404   404   405   404   404   404",
            "OTHER": "LOGIN 404   404   404   405   404   404   404",
        }
        for name in ("therapist_couple", "therapist_intensive")
    },
    **{
        f"intensives:{name}": {  # posted empty: a form error on the therapist's page
            "GET": "LOGIN 404   404   404   405   404   404   404",
            "POST": "LOGIN 404   404   404   422   404   404   404",
            "OTHER": "LOGIN 404   404   404   405   404   404   404",
        }
        for name in ("plan", "add_step")
    },
    "together:journal": {  # a person's own, not the couple's: staff have one too
        "GET": "LOGIN 200   200   200   404   404   404   200",
        "POST": "LOGIN 422   422   422   404   404   404   422",
    },
    "together:delete_entry": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   404   404   404   404   404   404",
    },
    "together:self_care": {
        "GET": "LOGIN 200   200   200   404   404   404   200",
        "POST": "LOGIN 302   302   302   404   404   404   302",
    },
    "together:pause": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "together:end_pause": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    "together:questions": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   403   422   404   404   404   404",
    },
    "together:question": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "together:answer": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 403   422   404   404   404   404   404",
    },
    "together:open_answer": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    "together:revisit": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    "together:with_therapist": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   302   404   404   404   404   404",
    },
    "together:wins": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "together:edit_win": {
        "GET": "LOGIN 200   403   404   404   404   404   404",
        "POST": "LOGIN 422   403   404   404   404   404   404",
    },
    "together:thank_win": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   302   404   404   404   404   404",
        "HX-POST": "LOGIN 403   200   404   404   404   404   404",
    },
    # Heads-ups: Alex (the involved partner) gave one; Sam thanks and asks about it.
    "transparency:heads_ups": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "transparency:new": {  # an empty heads-up is a form error
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "transparency:heads_up": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "transparency:edit": {  # only its author changes a heads-up
        "GET": "LOGIN 403   200   404   404   404   404   404",
        "POST": "LOGIN 403   422   404   404   404   404   404",
    },
    "transparency:thank": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
        "HX-POST": "LOGIN 200   403   404   404   404   404   404",
    },
    "transparency:ask": {  # the hurt partner asks, through the questions tool
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   403   404   404   404   404   404",
    },
    # Alex offered something to tell: Sam chooses when to read it.
    "transparency:tellings": {  # an empty offer is a form error
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "transparency:telling": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "transparency:choose": {  # the reader's choice, not its author's
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    "transparency:plans": {  # an empty habit form is a form error
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "transparency:plan_reminder": {
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 302   302   302   404   404   404   404",
    },
    "transparency:plan": {  # this week: Sam saves a draft, Alex changes shared plans
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 302   302   302   404   404   404   404",
    },
    "transparency:plan (a past week)": {  # read only: a change is a form error
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    # The therapist's view: counts with consent (Dr. Lee), the text only when both
    # partners also chose "heads-ups and plans", which Sam and Alex did not.
    "transparency:therapist_couple": {
        "GET": "LOGIN 404   404   404   200   404   404   404",
        "POST": "LOGIN 404   404   404   405   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
    "transparency:therapist_heads_ups": {
        "GET": "LOGIN 404   404   404   404   404   404   404",
        "POST": "LOGIN 404   404   404   404   404   404   404",
        "OTHER": "LOGIN 404   404   404   404   404   404   404",
    },
    # Pat and Quinn chose it: Dr. Lee reads their text, still with their consent
    # ("revoked" is Sam's withdrawal, which does not touch Pat and Quinn's consent).
    "transparency:therapist_couple (heads-ups shared)": {
        "GET": "LOGIN 404   404   404   200   200   404   404",
        "POST": "LOGIN 404   404   404   405   405   404   404",
        "OTHER": "LOGIN 404   404   404   405   405   404   404",
    },
    "transparency:therapist_heads_ups (heads-ups shared)": {
        "GET": "LOGIN 404   404   404   200   200   404   404",
        "POST": "LOGIN 404   404   404   405   405   404   404",
        "OTHER": "LOGIN 404   404   404   405   405   404   404",
    },
    "triggers:index": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "triggers:detail": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "triggers:edit": {
        "GET": "LOGIN 200   403   404   404   404   404   404",
        "POST": "LOGIN 422   403   404   404   404   404   404",
    },
    "triggers:reassure": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 403   422   404   404   404   404   404",
    },
    "triggers:new": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 422   422   422   404   404   404   404",
    },
    "triggers:patterns": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "unsubscribe": {
        "GET": "200   200   200   200   200   200   200   200",
        "POST": "200   200   200   200   200   200   200   200",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "resubscribe": {
        "GET": "405   405   405   405   405   405   405   405",
        "POST": "200   200   200   200   200   200   200   200",
        "OTHER": "405   405   405   405   405   405   405   405",
    },
    "triggers:detail (private)": {
        "GET": "LOGIN 200   404   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "triggers:edit (private)": {
        "GET": "LOGIN 200   404   404   404   404   404   404",
        "POST": "LOGIN 422   404   404   404   404   404   404",
    },
    "triggers:reassure (private)": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 403   404   404   404   404   404   404",
    },
    "triggers:detail (for the check-in)": {
        "GET": "LOGIN 200   404   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "pacing:exercise (closed tier)": {
        "GET": "LOGIN 403   403   403   404   404   404   404",
        "POST": "LOGIN 403   403   403   404   404   404   404",
        "OTHER": "LOGIN 403   403   403   404   404   404   404",
    },
    "pacing:start (closed tier)": {
        "GET": "LOGIN 403   403   403   404   404   404   404",
        "POST": "LOGIN 403   403   403   404   404   404   404",
        "OTHER": "LOGIN 403   403   403   404   404   404   404",
    },
    # The read-only archive of a closed space: Robin's earlier one, his alone.
    **{
        f"archive:{page}": {
            "GET": "LOGIN 404   404   200   404   404   404   404",
            "POST": "LOGIN 405   405   405   405   405   405   405",
        }
        for page in ("space", "checkins", "triggers", "agreement", "questions")
    },
    "archive:space (an open space)": {  # an open space has no archive
        "GET": "LOGIN 404   404   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "together:question (kept for the session)": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    # The acknowledgement letter is Alex's (the involved partner, "partner" here): his
    # drafts are his alone; Sam (hurt) decides when to receive each version and may
    # answer. Alex has no address that says more than "received" or "not yet".
    "acknowledgement:index": {
        "GET": "LOGIN 200   200   200   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "acknowledgement:write": {  # Sam and Robin are hurt partners: no draft page
        "GET": "LOGIN 404   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "acknowledgement:save": {  # no version number posted: a form error
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 404   422   404   404   404   404   404",
    },
    "acknowledgement:review": {  # already asked: asking again changes nothing
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 404   302   404   404   404   404   404",
    },
    "acknowledgement:letter": {
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "acknowledgement:letter (not received yet)": {  # Sam sees only the choice
        "GET": "LOGIN 200   200   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "acknowledgement:letter (a draft)": {  # Alex is led to his draft
        "GET": "LOGIN 404   302   404   404   404   404   404",
        "POST": "LOGIN 405   405   405   405   405   405   405",
    },
    "acknowledgement:choose": {  # nothing chosen: a form error
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   403   404   404   404   404   404",
    },
    "acknowledgement:choose (received)": {  # received stays received
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 302   403   404   404   404   404   404",
    },
    "acknowledgement:reply": {  # nothing written: a form error
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 422   403   404   404   404   404   404",
    },
    "acknowledgement:reply (not received yet)": {
        "GET": "LOGIN 302   302   302   302   302   302   302",
        "POST": "LOGIN 403   403   404   404   404   404   404",
    },
    "acknowledgement:share": {  # no choice posted: it stops being shared
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 403   302   404   404   404   404   404",
    },
    "acknowledgement:share (not received yet)": {  # still not a word for Sam
        "GET": "LOGIN 405   405   405   405   405   405   405",
        "POST": "LOGIN 404   302   404   404   404   404   404",
    },
    "acknowledgement:therapist": {  # access is checked before the method
        "GET": "LOGIN 404   404   404   200   404   404   404",
        "POST": "LOGIN 404   404   404   405   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
    "acknowledgement:comment": {
        "GET": "LOGIN 404   404   404   405   404   404   404",
        "POST": "LOGIN 404   404   404   422   404   404   404",
        "OTHER": "LOGIN 404   404   404   405   404   404   404",
    },
}

# django-allauth: pages anyone may open, and pages for signed-in people only.
ALLAUTH_PUBLIC = {
    "account_login",
    "account_signup",
    "account_logout",
    "account_inactive",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
}
ALLAUTH_SIGNED_IN = {
    "account_email",
    "account_change_password",
    "account_set_password",
    "account_reauthenticate",
    "account_confirm_login_code",
    "usersessions_list",
    "mfa_index",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes",
}


def outcome(response) -> str:
    if response.status_code in (HTTPStatus.MOVED_PERMANENTLY, HTTPStatus.FOUND):
        path = urlparse(response["Location"]).path
        if path == reverse("account_login"):
            return "LOGIN"
        if path == reverse("account_reauthenticate"):
            return "AUTH"
        if path in (reverse("admin:login"), reverse("admin:index")):
            return "ADMIN-LOGIN"  # the admin's own gate, which leads to logging in
        return "302"
    return str(response.status_code)


def expected_rows(key: str) -> dict[str, list[str]]:
    row = EXPECTED[key]
    other = row.get("OTHER", DEFAULT_OTHER)
    rows = {
        "GET": row["GET"],
        "POST": row["POST"],
        **{method: row.get(method, other) for method in OTHER_METHODS},
        "HX-GET": row.get("HX-GET", row["GET"]),
        "HX-POST": row.get("HX-POST", row["POST"]),
    }
    return {method: text.split() for method, text in rows.items()}


def _request(world, actor, method, url, fresh=False):
    htmx = method.startswith("HX-")
    return world.request(actor, method.removeprefix("HX-"), url, htmx=htmx, fresh=fresh)


def test_every_url_has_a_row():
    keys = {route.key for route in all_routes() if not route.is_admin}
    grouped = ALLAUTH_PUBLIC | ALLAUTH_SIGNED_IN
    missing = sorted(keys - EXPECTED.keys() - grouped)
    stale = sorted((EXPECTED.keys() | grouped) - keys - set(case_keys()))
    assert not missing, f"URL patterns with no row in the authorization matrix: {missing}"
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"
    assert all(
        len(cells) == len(ACTORS)
        for row in EXPECTED.values()
        for cells in (text.split() for text in row.values())
    ), "every row needs one outcome per actor"


APP_KEYS = [key for key in case_keys() if key in EXPECTED]


@pytest.mark.parametrize("key", APP_KEYS)
def test_matrix(world, db, key):
    _route, url = case_url(world, key)
    if is_fresh(key):
        reauthenticate_everyone(world)
    wrong = []
    for method, outcomes in expected_rows(key).items():
        for actor, expected in zip(ACTORS, outcomes, strict=True):
            got = outcome(_request(world, actor, method, url, fresh=is_fresh(key)))
            if got != expected:
                wrong.append(f"{method} {url} as {actor}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


ALLAUTH_KEYS = sorted(ALLAUTH_PUBLIC | ALLAUTH_SIGNED_IN)


@pytest.mark.parametrize("key", ALLAUTH_KEYS)
def test_allauth_pages_as_a_group(world, db, key):
    """Anonymous visitors reach the public pages only; nobody ever gets an error."""
    _route, url = case_url(world, key)
    for method in ("GET", "POST", *OTHER_METHODS, "HX-GET", "HX-POST"):
        for actor in ACTORS:
            response = _request(world, actor, method, url)
            got = outcome(response)
            assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, (method, actor)
            if actor == "anonymous" and key in ALLAUTH_SIGNED_IN:
                assert got == "LOGIN", (method, actor, got)
            else:
                assert got != "LOGIN", (method, actor, got)


ADMIN_KEYS = [route.key for route in all_routes() if route.is_admin]


@pytest.mark.parametrize("key", ADMIN_KEYS)
def test_admin_is_for_staff_only(world, db, key):
    """Every admin URL refuses anyone but staff (a login page, or 403 for a signed-in
    non-staff person on the admin's own login page); staff never get an error.
    (The admin is Django's own code: GET and POST stand for every method here.)"""
    _route, url = case_url(world, key)
    for method in ("GET", "POST"):
        for actor in ACTORS:
            response = _request(world, actor, method, url)
            got = outcome(response)
            if actor == "staff":
                assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, (method, got)
            else:
                assert got in {"LOGIN", "ADMIN-LOGIN", "403"}, (method, actor, got)
