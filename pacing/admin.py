from django.contrib import admin

from .models import Exercise, PacingPolicy


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["title", "tier", "order", "minutes", "slug"]
    list_filter = ["tier"]
    list_editable = ["order"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(PacingPolicy)
class PacingPolicyAdmin(admin.ModelAdmin):
    # Structure only: readiness reports and reflections are personal and not listed here.
    list_display = ["couple", "threshold_1", "threshold_2", "threshold_3", "threshold_4"]
    list_select_related = ["couple"]
    raw_id_fields = ["couple"]
