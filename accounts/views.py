from http import HTTPStatus

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from recovery.decorators import post_only

from . import push
from .access import active_membership, archived_memberships, member_required, partner_membership
from .forms import (
    CoupleStartForm,
    InviteForm,
    LanguageForm,
    NotificationSettingsForm,
    ProfileForm,
    PushSubscriptionForm,
    SafetyCheckForm,
)
from .models import (
    NOT_THE_INVITEE,
    Couple,
    EmailKind,
    EmailOptOut,
    Invitation,
    InvitationError,
    PushDevice,
    Role,
    User,
)
from .notifications import read_unsubscribe_token
from .tasks import send_invitation

PENDING_INVITATION = "pending_invitation"


def onboarding(request, form=None, status=HTTPStatus.OK):
    """First steps, or, after a shared space closed, the calm page that says so."""
    context = {
        "form": form or CoupleStartForm(),
        "pending_token": request.session.get(PENDING_INVITATION),
        "archives": list(archived_memberships(request.user)),
    }
    return render(request, "accounts/onboarding.html", context, status=status)


@require_POST
def start_couple(request):
    if request.user.is_therapist or active_membership(request.user):
        messages.info(request, _("You already have a shared space."))
        return redirect("home")
    form = CoupleStartForm(request.POST)
    if not form.is_valid():
        return onboarding(request, form, status=HTTPStatus.UNPROCESSABLE_ENTITY)
    Couple.start(request.user, Role(form.cleaned_data["role"]))
    messages.success(request, _("Your shared space is ready. Next, invite your partner."))
    return redirect("home")


@post_only(page="home")
@member_required
def invite_partner(request, membership):
    if partner_membership(membership):
        messages.info(request, _("Your partner has already joined."))
        return redirect("home")
    form = InviteForm(request.POST, inviter=request.user)
    if not form.is_valid():
        context = {"membership": membership, "invite_form": form, "partner": None}
        return render(
            request, "accounts/couple_home.html", context, status=HTTPStatus.UNPROCESSABLE_ENTITY
        )
    invitation, token = Invitation.issue(
        membership.couple, request.user, form.cleaned_data["email"]
    )
    send_invitation.delay_on_commit(invitation.pk, token)
    messages.success(request, _("Invitation sent. The link works once and for 7 days."))
    return redirect("home")


@require_POST
@member_required
def revoke_invitation(request, membership):
    for invitation in membership.couple.invitations.pending():
        invitation.revoke()
    messages.success(request, _("The invitation was withdrawn. Its link no longer works."))
    return redirect("home")


@login_not_required
@require_http_methods(["GET", "POST"])
def join(request, token):
    invitation = Invitation.find(token) if len(token) <= 100 else None
    if invitation is None:
        problem = _("This invitation link isn't valid. Please check you copied all of it.")
        return _join_problem(request, problem, HTTPStatus.NOT_FOUND)
    if invitation.problem:
        request.session.pop(PENDING_INVITATION, None)
        return _join_problem(request, invitation.problem, HTTPStatus.GONE)
    context = {"invitation": invitation, "token": token}
    if not request.user.is_authenticated:
        request.session[PENDING_INVITATION] = token
        if request.method == "POST":
            return redirect_to_login(request.path)
        return render(request, "accounts/join.html", context)
    if not invitation.is_for(request.user):
        # Someone else holds the link: they learn nothing, the inviter is told.
        request.session.pop(PENDING_INVITATION, None)
        invitation.note_other_account()
        return _join_problem(request, NOT_THE_INVITEE, HTTPStatus.FORBIDDEN)
    if request.method == "GET":
        return render(request, "accounts/join.html", context)
    try:
        invitation.accept(request.user)
    except InvitationError as error:
        return _join_problem(request, str(error), HTTPStatus.CONFLICT)
    request.session.pop(PENDING_INVITATION, None)
    messages.success(request, _("Welcome. You've joined your shared space."))
    return redirect_to_safety_check_first(request)


def redirect_to_safety_check_first(request):
    """Whoever joins meets the private safety question before the shared space, as
    the partner who started it did; it can be skipped, and is asked only once."""
    if request.user.safety_checks.exists():
        return redirect("home")
    return redirect("safety_check")


def _join_problem(request, problem, status):
    return render(request, "accounts/join.html", {"problem": problem}, status=status)


@require_http_methods(["GET", "POST"])
@member_required
@reauthentication_required
def leave_couple(request, membership):
    if request.method == "POST":
        membership.couple.end(by=request.user)
        messages.success(request, _("You have left the shared space. It is now closed."))
        return redirect("home")
    return render(request, "accounts/leave.html", {"membership": membership})


@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("profile")
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    return _settings_page(request, form=form, status=status)


@post_only(page="profile")
def language_settings(request):
    language_form = LanguageForm(request.POST, instance=request.user)
    if language_form.is_valid():
        language_form.save()
        # This answer and the next page are already in the chosen language.
        translation.activate(request.user.language)
        messages.success(request, _("Saved. Pages and emails now come in this language."))
        return redirect("profile")
    return _settings_page(
        request, language_form=language_form, status=HTTPStatus.UNPROCESSABLE_ENTITY
    )


def _settings_page(request, form=None, push_form=None, language_form=None, status=HTTPStatus.OK):
    context = {
        "form": form or ProfileForm(instance=request.user),
        "language_form": language_form or LanguageForm(instance=request.user),
        "archives": archived_memberships(request.user),
        "push_form": push_form or PushSubscriptionForm(),
        "push_public_key": settings.VAPID_PUBLIC_KEY if push.enabled() else "",
        "devices": PushDevice.objects.visible_to(request.user),
    }
    return render(request, "accounts/profile.html", context, status=status)


@post_only(page="profile")
def add_device(request):
    """This browser's subscription, sent by static/js/push.js once the person agreed."""
    form = PushSubscriptionForm(request.POST)
    if form.is_valid() and not push.enabled():
        form.add_error(None, _("Notifications are not set up on this installation."))
    if not form.is_valid():
        return _settings_page(request, push_form=form, status=HTTPStatus.UNPROCESSABLE_ENTITY)
    subscription = form.cleaned_data["subscription"]
    name = push.device_name(request.headers.get("User-Agent", ""))
    PushDevice.register(request.user, name=name, **subscription)
    messages.success(request, _("Notifications are on for this device."))
    return redirect("profile")


@require_POST
def remove_device(request, pk):
    device = get_object_or_404(PushDevice.objects.visible_to(request.user), pk=pk)
    device.delete()
    messages.success(request, _("That device will no longer get notifications."))
    return redirect("profile")


@require_http_methods(["GET", "POST"])
def safety_check(request):
    form = SafetyCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = form.save(commit=False)
        check.user = request.user
        check.save()
        if check.needs_support:
            return render(request, "accounts/safety_support.html", {"check": check})
        messages.success(request, _("Thank you. Your answer stays private to you."))
        return redirect("home")
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    return render(request, "accounts/safety_check.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choices are saved."))
        return redirect("notification_settings")
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    return render(request, "accounts/notification_settings.html", {"form": form}, status=status)


# Mail clients send RFC 8058 one-click POSTs without a CSRF token; the signed
# token itself is the proof, and it can only ever turn an email kind off. A GET
# (opening the link) only shows the button, so link scanners change nothing.
@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    user, kind = _unsubscribe_target(token)
    if request.method == "POST":
        EmailOptOut.objects.get_or_create(user=user, kind=kind)
    done = request.method == "POST"
    context = {"kind": kind, "token": token, "done": done}
    return render(request, "accounts/unsubscribed.html", context)


@login_not_required
@require_POST
def resubscribe(request, token):
    user, kind = _unsubscribe_target(token)
    EmailOptOut.objects.filter(user=user, kind=kind).delete()
    context = {"kind": kind, "token": token, "resubscribed": True}
    return render(request, "accounts/unsubscribed.html", context)


def _unsubscribe_target(token) -> tuple[User, EmailKind]:
    target = read_unsubscribe_token(token)
    if target is None:
        raise Http404
    user_id, kind = target
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise Http404
    return user, kind


@login_not_required
@require_GET
def support_resources(request):
    return render(request, "support.html")
