from django.contrib import admin

from .models import Card


# Only the deck's questions are edited by staff; rituals, marks and answers belong to
# the couples, and staff pages never show what people wrote.
@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    list_display = ("text", "tier")
    list_filter = ("tier",)
    search_fields = ("text",)
