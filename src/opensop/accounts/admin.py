from django.contrib import admin
from django.http import HttpRequest

from opensop.accounts.models import Invitation, Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "role", "school", "board", "swv"]
    list_filter = ["role", "swv"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["school", "board", "swv"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    """For looking up and correcting; inviting goes through the people page, which e-mails."""

    list_display = ["email", "role", "school", "board", "swv", "expires_at", "accepted_at"]
    list_filter = ["role", "swv"]
    search_fields = ["email"]
    autocomplete_fields = ["school", "board", "swv"]
    readonly_fields = [
        "token_hash",
        "invited_by",
        "created_at",
        "accepted_at",
        "accepted_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # An invitation made here would have no link anyone could receive.
        return False
