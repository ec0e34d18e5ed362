from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import AuditEntry, Consent, TherapistLink, TherapistProfile


@admin.register(TherapistProfile)
class TherapistProfileAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "practice_name",
        "licence_type",
        "licence",
        "jurisdiction",
        "verified_at",
        "created_at",
    ]
    list_filter = [("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "practice_name", "licence"]
    # Verification is given by the action (who and when are recorded), never typed in.
    readonly_fields = ["code", "created_at", "verified_at", "verified_by"]
    actions = ["verify_licences", "withdraw_verification"]

    @admin.action(description=_("Mark the licence as verified (checked with its register)"))
    def verify_licences(self, request, queryset):
        verified = 0
        for profile in queryset.filter(verified_at__isnull=True):
            if profile.licence and profile.licence_type and profile.jurisdiction:
                profile.verify(request.user)
                verified += 1
        skipped = queryset.count() - verified
        self.message_user(
            request,
            ngettext("%(count)d licence verified.", "%(count)d licences verified.", verified)
            % {"count": verified},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d left as it was: already verified or missing licence details.",
                    "%(count)d left as they were: already verified or missing licence details.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Withdraw the verification"))
    def withdraw_verification(self, request, queryset):
        count = queryset.update(verified_at=None, verified_by=None)
        self.message_user(
            request,
            ngettext(
                "%(count)d verification withdrawn.", "%(count)d verifications withdrawn.", count
            )
            % {"count": count},
        )


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
