from django.contrib import admin

from opensop.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "role", "school", "board", "swv"]
    list_filter = ["role", "swv"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["school", "board", "swv"]
