from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import services
from .models import Notice

PAGE_SIZE = 20


@require_GET
def inbox(request):
    notices = Notice.objects.visible_to(request.user)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notices/inbox.html", {"page": page})


@require_POST
def mark_all_read(request):
    if services.mark_all_read(request.user):
        messages.success(request, _("All caught up. Everything is marked as read."))
    return redirect("notices:inbox")


@require_GET
def count(request):
    """The navigation's count, polled by htmx; a plain visit goes to the inbox."""
    if not request.htmx:
        return redirect("notices:inbox")
    on_inbox = (request.htmx.current_url_abs_path or "").startswith(reverse("notices:inbox"))
    return render(request, "notices/_count.html", {"current": on_inbox})
