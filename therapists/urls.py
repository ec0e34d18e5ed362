from django.urls import path

from . import views

app_name = "therapists"

urlpatterns = [
    # The couple's side
    path("", views.couple_settings, name="couple_settings"),
    path("invite/code/", views.invite_by_code, name="invite_by_code"),
    path("invite/email/", views.invite_by_email, name="invite_by_email"),
    path("consent/", views.consent, name="consent"),
    path("consent/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("end/", views.end_link, name="end_link"),
    path("csi/", views.csi_form, name="csi"),
    # The therapist's side
    path("setup/", views.setup, name="setup"),
    path("couples/", views.dashboard, name="dashboard"),
    path("couples/<id:couple_id>/", views.couple_detail, name="couple_detail"),
    path("couples/<id:couple_id>/notes/", views.add_note, name="add_note"),
    path("couples/<id:couple_id>/pace/", views.set_ceiling, name="set_ceiling"),
    path("couples/<id:couple_id>/suggestions/", views.suggest_exercise, name="suggest_exercise"),
    path("couples/<id:couple_id>/label/", views.set_label, name="set_label"),
]
