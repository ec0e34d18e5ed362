"""Pages that gather several features: the couple home, and the data rights (a copy
of everything I wrote, deleting my account)."""

from http import HTTPStatus

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import active_membership, partner_membership
from accounts.forms import DeleteAccountForm, InviteForm
from accounts.views import onboarding

from . import data_rights
from .today import today_for


@require_GET
def home(request):
    if request.user.is_therapist:
        return redirect("therapists:dashboard")
    membership = active_membership(request.user)
    if membership is None:
        return onboarding(request)
    request.membership = membership
    partner = partner_membership(membership)
    context = {
        "membership": membership,
        "partner": partner,
        "pending_invitation": None if partner else membership.couple.invitations.pending().first(),
        "invite_form": None if partner else InviteForm(inviter=request.user),
        "today": today_for(membership) if partner else None,
    }
    return render(request, "accounts/couple_home.html", context)


@require_GET
@reauthentication_required
def export_page(request):
    """Everything I wrote, readable and printable."""
    sections = data_rights.as_readable(request.user, data_rights.collect(request.user))
    return render(request, "accounts/export.html", {"sections": sections})


@require_GET
@reauthentication_required
def export_download(request):
    data = data_rights.as_json(request.user, data_rights.collect(request.user))
    response = JsonResponse(data, encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2})
    filename = f"common-ground-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@reauthentication_required
def delete_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        data_rights.delete_account(user)
        messages.success(request, _("Your account and what you wrote have been deleted."))
        return redirect("account_login")
    status = HTTPStatus.UNPROCESSABLE_ENTITY if form.errors else HTTPStatus.OK
    context = {"form": form, "membership": active_membership(request.user)}
    return render(request, "accounts/delete_account.html", context, status=status)
