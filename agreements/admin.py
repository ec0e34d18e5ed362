from django.contrib import admin

from .models import Agreement, Review


# Staff see structure only; what partners write is never listed here.
@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["id", "couple", "current_version_id", "created_at"]
    fields = ["couple", "created_at"]
    readonly_fields = ["couple", "created_at"]

    # Agreements and reviews are made by the couple in the app; an empty one would fail.
    def has_add_permission(self, request):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["id", "agreement", "opened_at", "due_at", "completed_at", "outcome"]
    fields = ["agreement", "opened_at", "due_at", "completed_at", "outcome"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
