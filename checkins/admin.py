from django.contrib import admin

from .models import CheckIn


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """Dates and progress only: what partners wrote is not shown to operators."""

    list_display = ["couple", "week_start", "revealed_at"]
    list_filter = ["week_start"]
    fields = ["couple", "week_start", "created_at", "revealed_at", "revision"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
