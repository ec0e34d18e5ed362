from django.contrib import admin

from .models import AuditEntry, Consent, TherapistLink, TherapistProfile


@admin.register(TherapistProfile)
class TherapistProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "practice_name", "licence", "code", "created_at"]
    search_fields = ["user__email", "practice_name"]
    readonly_fields = ["code", "created_at"]


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ["partner", "given_at", "revoked_at", "revoked_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TherapistLink)
class TherapistLinkAdmin(admin.ModelAdmin):
    # Structure only: notes and CSI answers are never listed for staff.
    list_display = ["couple", "therapist", "invited_at", "ended_at"]
    readonly_fields = ["couple", "therapist", "invited_email", "invited_by", "invited_at"]
    inlines = [ConsentInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "therapist_name", "couple_id", "action", "path"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
