from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET


@require_GET
def baseline(request):
    """Bare Django: no work of its own, behind the full middleware stack."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    path("", include("recovery.urls")),
]
