from django.contrib import admin

from .models import Notice


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    # Only states and times: a notice never holds what anyone wrote.
    list_display = ("kind", "recipient_id", "created_at", "read_at", "email_state")
    list_filter = ("kind", "email_state")
    readonly_fields = [field.name for field in Notice._meta.fields]

    def has_add_permission(self, request):
        return False
