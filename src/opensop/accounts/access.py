"""Who may do what with which profile: every rule in one place, asked first in every view.

The names read like the rules: a school editor edits the concept of their own school,
SWV staff read every profile of their SWV, the inspectorate reads adopted profiles
of its SWV, anyone reads a published profile.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from opensop.accounts.models import Membership, Role
from opensop.organisations.models import School
from opensop.profiles.models import Profile, State

AnyUser = AbstractBaseUser | AnonymousUser


def as_user(user: AnyUser | None) -> User | None:
    """The signed-in person, for foreign keys such as a revision's author."""
    return user if isinstance(user, User) else None


def _memberships(user: AnyUser) -> list[Membership]:
    person = as_user(user)
    if person is None:
        return []
    # Cached on the user object: one query per request, however many rules are asked.
    cached: list[Membership] | None = getattr(person, "_opensop_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=person))
        setattr(person, "_opensop_memberships", cached)  # noqa: B010
    return cached


def _has(
    user: AnyUser,
    role: Role,
    *,
    school_id: int | None = None,
    board_id: int | None = None,
    swv_id: int | None = None,
) -> bool:
    return any(
        m.role == role
        and (school_id is None or m.school_id == school_id)
        and (board_id is None or m.board_id == board_id)
        and (swv_id is None or m.swv_id == swv_id)
        for m in _memberships(user)
    )


def has_role(user: AnyUser, role: Role) -> bool:
    return _has(user, role)


def is_site_admin(user: AnyUser) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_superuser", False))


def is_school_editor_of(user: AnyUser, profile: Profile) -> bool:
    return _has(user, Role.SCHOOL_EDITOR, school_id=profile.school_id)


def is_mr_member_of(user: AnyUser, profile: Profile) -> bool:
    return _has(user, Role.MR_MEMBER, school_id=profile.school_id)


def is_board_member_of(user: AnyUser, profile: Profile) -> bool:
    return _has(user, Role.BOARD_MEMBER, board_id=profile.school.board_id)


def is_swv_staff_of(user: AnyUser, profile: Profile) -> bool:
    return _has(user, Role.SWV_STAFF, swv_id=profile.school.swv_id)


def is_inspector_of(user: AnyUser, profile: Profile) -> bool:
    return _has(user, Role.INSPECTORATE, swv_id=profile.school.swv_id)


def may_read(user: AnyUser, profile: Profile) -> bool:
    if profile.state == State.PUBLISHED or is_site_admin(user):
        return True
    if is_inspector_of(user, profile):
        return profile.state == State.ADOPTED
    return (
        is_school_editor_of(user, profile)
        or is_mr_member_of(user, profile)
        or is_board_member_of(user, profile)
        or is_swv_staff_of(user, profile)
    )


def may_read_history(user: AnyUser, profile: Profile) -> bool:
    """Who saved what and when is for the school and its SWV, not for the public."""
    return is_site_admin(user) or (
        is_school_editor_of(user, profile)
        or is_mr_member_of(user, profile)
        or is_board_member_of(user, profile)
        or is_swv_staff_of(user, profile)
    )


def may_edit(user: AnyUser, profile: Profile) -> bool:
    return profile.state == State.CONCEPT and is_school_editor_of(user, profile)


def may_submit_for_advice(user: AnyUser, profile: Profile) -> bool:
    return profile.state == State.CONCEPT and is_school_editor_of(user, profile)


def may_record_advice(user: AnyUser, profile: Profile) -> bool:
    return profile.state == State.ADVICE and is_mr_member_of(user, profile)


def may_adopt(user: AnyUser, profile: Profile) -> bool:
    return (
        profile.state == State.ADVICE
        and profile.advice_date is not None
        and is_board_member_of(user, profile)
    )


def may_return_to_concept(user: AnyUser, profile: Profile) -> bool:
    return profile.state == State.ADVICE and (
        is_school_editor_of(user, profile) or is_board_member_of(user, profile)
    )


def may_publish(user: AnyUser, profile: Profile) -> bool:
    return profile.state == State.ADOPTED and (
        is_board_member_of(user, profile) or is_school_editor_of(user, profile)
    )


def may_start_profile(user: AnyUser, school: School) -> bool:
    return _has(user, Role.SCHOOL_EDITOR, school_id=school.pk)


def may_start_correction(user: AnyUser, profile: Profile) -> bool:
    is_latest = not Profile.objects.filter(
        school_id=profile.school_id, school_year=profile.school_year, edition__gt=profile.edition
    ).exists()
    return profile.state == State.PUBLISHED and is_latest and is_school_editor_of(user, profile)


ACTIONS = {
    "read": may_read,
    "read_history": may_read_history,
    "edit": may_edit,
    "submit_for_advice": may_submit_for_advice,
    "record_advice": may_record_advice,
    "adopt": may_adopt,
    "return_to_concept": may_return_to_concept,
    "publish": may_publish,
    "start_correction": may_start_correction,
}


def readable_profiles(user: AnyUser) -> QuerySet[Profile]:
    """The profiles `user` may read, as one query (no per-profile checks in a loop)."""
    profiles = Profile.objects.select_related("school", "school__swv", "school__board")
    if is_site_admin(user):
        return profiles
    visible = Q(state=State.PUBLISHED)
    for m in _memberships(user):
        if m.role in (Role.SCHOOL_EDITOR, Role.MR_MEMBER):
            visible |= Q(school_id=m.school_id)
        elif m.role == Role.BOARD_MEMBER:
            visible |= Q(school__board_id=m.board_id)
        elif m.role == Role.SWV_STAFF:
            visible |= Q(school__swv_id=m.swv_id)
        elif m.role == Role.INSPECTORATE:
            visible |= Q(school__swv_id=m.swv_id, state=State.ADOPTED)
    return profiles.filter(visible)


def profile_for(user: AnyUser, pk: int, action: str = "read") -> Profile:
    """The profile if `user` may do `action` with it; 404 if they may not even see it."""
    try:
        profile = Profile.objects.select_related("school", "school__swv", "school__board").get(
            pk=pk
        )
    except Profile.DoesNotExist as exc:
        raise Http404 from exc
    if not may_read(user, profile):
        raise Http404
    if not ACTIONS[action](user, profile):
        raise PermissionDenied
    return profile
