from django.contrib import admin

from opensop.organisations.models import Board, School, Swv


@admin.register(Swv)
class SwvAdmin(admin.ModelAdmin[Swv]):
    list_display = ["code", "name", "sector", "format_id", "format_version"]
    fields = [
        "code",
        "name",
        "sector",
        "format_id",
        "format_version",
        "logo",
        "coverage_threshold",
        "publishes_norm_results",
    ]
    search_fields = ["code", "name"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin[Board]):
    list_display = ["name", "number"]
    search_fields = ["name", "number"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin[School]):
    list_display = ["name", "brin", "location", "city", "board", "swv"]
    list_filter = ["swv", "board"]
    search_fields = ["name", "brin", "city"]
    # The school's own choice, made through organisations.services (docs/privacy.md).
    readonly_fields = [
        "shows_contact_person",
        "contact_person_chosen_by",
        "contact_person_chosen_at",
    ]
