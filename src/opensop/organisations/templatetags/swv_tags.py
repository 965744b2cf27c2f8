"""The SWV links in the header: only for people who work for an SWV or oversee one."""

from __future__ import annotations

from django import template

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.organisations.models import Swv

register = template.Library()


@register.simple_tag
def swvs_worked_for(user: AnyUser) -> list[Swv]:
    return access.swvs_worked_for(user)


@register.simple_tag
def swvs_overseen_by(user: AnyUser) -> list[Swv]:
    """Staff and inspectorate: the SWVs whose overview they read (one query, or none)."""
    return access.swvs_overseen_by(user)


@register.filter
def staffed_by(swv: Swv, user: AnyUser) -> bool:
    return access.is_staff_of_swv(user, swv)
