"""Template filters for the people pages and the header link to them."""

from __future__ import annotations

from django import template

from opensop.accounts import access
from opensop.accounts.access import AnyUser

register = template.Library()


@register.filter
def may_invite_anyone(user: AnyUser) -> bool:
    return access.may_invite_anyone(user)
