from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from recovery import converters  # noqa: F401  registers <id:...> before the apps' patterns load
from recovery.health import health

# Staff log in through allauth (rate limits, two-factor) before reaching the admin.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Common Ground administration"

robots_txt = TemplateView.as_view(template_name="robots.txt", content_type="text/plain")

urlpatterns = [
    path("robots.txt", require_GET(login_not_required(robots_txt)), name="robots_txt"),
    path("", include("home.urls")),
    path("", include("accounts.urls")),
    path("", include("installable.urls")),
    path("checkins/", include("checkins.urls")),
    path("agreement/", include("agreements.urls")),
    path("triggers/", include("triggers.urls")),
    path("exercises/", include("pacing.urls")),
    path("together/", include("together.urls")),
    path("repair/", include("repair.urls")),
    path("transparency/", include("transparency.urls")),
    path("forgiveness/", include("forgiveness.urls")),
    path("letter/", include("acknowledgement.urls")),
    path("rituals/", include("rituals.urls")),
    path("practice/", include("practice.urls")),
    path("intensives/", include("intensives.urls")),
    path("therapists/", include("therapists.urls")),
    path("archive/", include("archive.urls")),
    path("news/", include("notices.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
]

handler500 = "recovery.views.server_error"
