from django.contrib import admin

from .models import Trigger


@admin.register(Trigger)
class TriggerAdmin(admin.ModelAdmin):
    # Staff see structure only; what partners write is never shown here.
    list_display = ["id", "couple", "category", "intensity", "sharing", "occurred_at", "shared_at"]
    list_filter = ["category", "sharing"]
    fields = ["couple", "author", "category", "intensity", "sharing", "occurred_at", "shared_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
