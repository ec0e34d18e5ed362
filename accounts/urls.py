from django.urls import path

from . import quick_exit, views

urlpatterns = [
    path("space/start/", views.start_couple, name="start_couple"),
    path("space/invite/", views.invite_partner, name="invite_partner"),
    path("space/invite/revoke/", views.revoke_invitation, name="revoke_invitation"),
    path("space/leave/", views.leave_couple, name="leave_couple"),
    path("join/<str:token>/", views.join, name="join"),
    path("me/", views.profile, name="profile"),
    path("me/language/", views.language_settings, name="language_settings"),
    path("me/devices/", views.add_device, name="add_device"),
    path("me/devices/<id:pk>/remove/", views.remove_device, name="remove_device"),
    path("me/safety/", views.safety_check, name="safety_check"),
    path("me/emails/", views.notification_settings, name="notification_settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("unsubscribe/<str:token>/undo/", views.resubscribe, name="resubscribe"),
    path("support/", views.support_resources, name="support"),
    path("leave/", quick_exit.leave, name="leave"),
    path("leave/continue/", quick_exit.come_back, name="come_back"),
]
