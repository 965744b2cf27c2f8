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

from opensop.accounts.models import (
    BOARD_ROLES,
    SCHOOL_ROLES,
    SWV_ROLES,
    Invitation,
    Membership,
    Organisation,
    Role,
    role_fits,
)
from opensop.organisations.models import Board, School, Swv
from opensop.profiles.models import Profile, State
from opensop.profiles.published import is_public, is_public_profile, published_profiles

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
    """Anyone reads a public profile (profiles/published.py: not the published profile of a
    school that has since moved to an SWV with another format); the school's own people
    and its SWV read the rest."""
    if is_public_profile(profile) or is_site_admin(user):
        return True
    if is_inspector_of(user, profile):
        return profile.state in (State.ADOPTED, State.PUBLISHED)
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
    visible = is_public()
    for m in _memberships(user):
        if m.role in (Role.SCHOOL_EDITOR, Role.MR_MEMBER):
            visible |= Q(school_id=m.school_id)
        elif m.role == Role.BOARD_MEMBER:
            visible |= Q(school__board_id=m.board_id)
        elif m.role == Role.SWV_STAFF:
            visible |= Q(school__swv_id=m.swv_id)
        elif m.role == Role.INSPECTORATE:
            visible |= Q(school__swv_id=m.swv_id, state__in=[State.ADOPTED, State.PUBLISHED])
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


# ------------------------------------------------------------------ people and their roles
# Who may give whom a role (by invitation) and take it away again:
# - a site admin: anyone, anywhere;
# - SWV staff of SWV X: SWV staff and inspectorate of X, school editors and MR members of the
#   schools in X, and board members of the boards that have a school in X;
# - a school editor of school S: school editors and MR members of S;
# - a board member of board B: board members of B.
# Nobody else.


def _swvs_staffed_by(user: AnyUser) -> set[int]:
    return {m.swv_id for m in _memberships(user) if m.role == Role.SWV_STAFF and m.swv_id}


def _schools_edited_by(user: AnyUser) -> set[int]:
    return {m.school_id for m in _memberships(user) if m.role == Role.SCHOOL_EDITOR and m.school_id}


def _boards_seating(user: AnyUser) -> set[int]:
    return {m.board_id for m in _memberships(user) if m.role == Role.BOARD_MEMBER and m.board_id}


def may_invite(user: AnyUser, role: str, organisation: Organisation) -> bool:
    if not role_fits(role, organisation):
        return False
    if is_site_admin(user):
        return True
    if isinstance(organisation, Swv):
        return organisation.pk in _swvs_staffed_by(user)
    if isinstance(organisation, School):
        staffs_its_swv = organisation.swv_id in _swvs_staffed_by(user)
        return staffs_its_swv or organisation.pk in _schools_edited_by(user)
    sits_on_it = organisation.pk in _boards_seating(user)
    return sits_on_it or organisation.schools.filter(swv_id__in=_swvs_staffed_by(user)).exists()


def may_invite_anyone(user: AnyUser) -> bool:
    return is_site_admin(user) or bool(
        _swvs_staffed_by(user) or _schools_edited_by(user) or _boards_seating(user)
    )


def may_manage_membership(user: AnyUser, membership: Membership) -> bool:
    """Whoever may give a role may take it away again (the service refuses one's own)."""
    return may_invite(user, membership.role, membership.organisation)


def may_manage_invitation(user: AnyUser, invitation: Invitation) -> bool:
    return may_invite(user, invitation.role, invitation.organisation)


def invitable_roles(user: AnyUser) -> list[tuple[Role, Organisation]]:
    """Every (role, organisation) `user` may invite for, in a few queries, for pages and forms."""
    swvs, schools, boards = Swv.objects.all(), School.objects.all(), Board.objects.all()
    if not may_invite_anyone(user):
        return []
    if not is_site_admin(user):
        staffed = _swvs_staffed_by(user)
        swvs = swvs.filter(pk__in=staffed)
        schools = schools.filter(Q(swv_id__in=staffed) | Q(pk__in=_schools_edited_by(user)))
        boards = boards.filter(
            Q(pk__in=_boards_seating(user)) | Q(schools__swv_id__in=staffed)
        ).distinct()
    return [
        *((role, swv) for swv in swvs for role in SWV_ROLES),
        *((role, board) for board in boards for role in BOARD_ROLES),
        *((role, school) for school in schools for role in SCHOOL_ROLES),
    ]


def forget_roles(user: AnyUser) -> None:
    """Drop the roles cached on `user`: they are stale once a role is given or taken away."""
    if hasattr(user, "_opensop_memberships"):
        delattr(user, "_opensop_memberships")


# ------------------------------------------------------------------ SWV pages
# SWV staff manage the schools of their own SWV and follow every state change of those
# schools' profiles; site admins may do so for every SWV. Nobody else sees these pages.


def is_staff_of_swv(user: AnyUser, swv: Swv) -> bool:
    return _has(user, Role.SWV_STAFF, swv_id=swv.pk)


def may_manage_schools(user: AnyUser, swv: Swv) -> bool:
    return is_site_admin(user) or is_staff_of_swv(user, swv)


def may_read_state_changes(user: AnyUser, swv: Swv) -> bool:
    return is_site_admin(user) or is_staff_of_swv(user, swv)


# ------------------------------------------------------------------ imports
# Reading DUO's school register into an SWV changes its schools: the same people who manage
# them by hand. A filled form becomes a revision: whoever may edit the profile imports it.


def may_import_register(user: AnyUser, swv: Swv) -> bool:
    return may_manage_schools(user, swv)


def may_import_form(user: AnyUser, profile: Profile) -> bool:
    return may_edit(user, profile)


ACTIONS["import_form"] = may_import_form


def may_import_document(user: AnyUser, profile: Profile) -> bool:
    """An older profile document becomes a revision like a form: the same people."""
    return may_import_form(user, profile)


ACTIONS["import_document"] = may_import_document


# A whole region's filled forms at once, while it switches to Open SOP and its schools may
# have no editors yet: the people who manage the SWV's schools (and read its register in).
def may_import_forms_in_bulk(user: AnyUser, swv: Swv) -> bool:
    return may_manage_schools(user, swv)


# ------------------------------------------------------------------ SWV document batches
# The documents of all (or some) of an SWV's schools as one ZIP: for the staff of that SWV
# and site admins, like the other SWV pages. Every batch of the SWV is theirs to see and
# download, whoever of them asked for it; nobody else learns a batch exists.


def may_download_documents(user: AnyUser, swv: Swv) -> bool:
    return is_site_admin(user) or is_staff_of_swv(user, swv)


SWV_ACTIONS = {
    "manage_schools": may_manage_schools,
    "import_register": may_import_register,
    "import_forms_in_bulk": may_import_forms_in_bulk,
    "read_state_changes": may_read_state_changes,
    "download_documents": may_download_documents,
}


def swvs_worked_for(user: AnyUser) -> list[Swv]:
    """The SWVs `user` is staff of (for the navigation); no query for anyone else."""
    ids = _swvs_staffed_by(user)
    return list(Swv.objects.filter(pk__in=ids)) if ids else []


def swv_for(user: AnyUser, pk: int, action: str) -> Swv:
    """The SWV if `user` may do `action` with it; 404 otherwise, so it is not even shown."""
    swv = Swv.objects.filter(pk=pk).first()
    if swv is None or not SWV_ACTIONS[action](user, swv):
        raise Http404
    return swv


# ------------------------------------------------------------------ regional overview
# The overview of an SWV's schools (status, norms, coverage) and its exports: the SWV's
# staff and site admins; the inspectorate of that SWV reads the same pages (they change
# nothing). Nobody else learns the overview exists. The national overview: site admins.


def is_inspector_of_swv(user: AnyUser, swv: Swv) -> bool:
    return _has(user, Role.INSPECTORATE, swv_id=swv.pk)


def may_read_overview(user: AnyUser, swv: Swv) -> bool:
    return is_site_admin(user) or is_staff_of_swv(user, swv) or is_inspector_of_swv(user, swv)


def may_read_national_overview(user: AnyUser) -> bool:
    return is_site_admin(user)


SWV_ACTIONS["read_overview"] = may_read_overview


# ------------------------------------------------------------------ acting from the overview
# From the overview the SWV's staff (and site admins) set the threshold for a gap in the
# offer and remind schools that have not finished. The inspectorate reads the same pages
# but changes nothing: it is refused (403); everyone else does not find the pages (404).


def may_set_coverage_threshold(user: AnyUser, swv: Swv) -> bool:
    return is_site_admin(user) or is_staff_of_swv(user, swv)


def may_send_reminders(user: AnyUser, swv: Swv) -> bool:
    return is_site_admin(user) or is_staff_of_swv(user, swv)


def states_readable_in_overview(user: AnyUser, swv: Swv) -> set[str]:
    """The states of profiles of `swv` that a reader of its overview may open (as may_read
    says per profile, without a profile object for each of 150 schools)."""
    if is_site_admin(user) or is_staff_of_swv(user, swv):
        return set(State.values)
    if is_inspector_of_swv(user, swv):
        return {State.ADOPTED, State.PUBLISHED}
    return {State.PUBLISHED}


def swvs_overseen_by(user: AnyUser) -> list[Swv]:
    """The SWVs whose overview `user` reads by role (for the navigation)."""
    ids = {
        m.swv_id
        for m in _memberships(user)
        if m.role in (Role.SWV_STAFF, Role.INSPECTORATE) and m.swv_id
    }
    return list(Swv.objects.filter(pk__in=ids)) if ids else []


# ------------------------------------------------------------------ the yearly cycle
# The file a council's advice or consent came in: like the history, for the school and its
# SWV. The regime and deadline of each school year: who manages the SWV's schools.


def may_read_council_documents(user: AnyUser, profile: Profile) -> bool:
    return may_read_history(user, profile)


ACTIONS["read_council_documents"] = may_read_council_documents


def may_set_regime(user: AnyUser, swv: Swv) -> bool:
    return may_manage_schools(user, swv)


SWV_ACTIONS["set_regime"] = may_set_regime


def may_prefill_from_duo(user: AnyUser, profile: Profile) -> bool:
    """Figures from a DUO file become answers: whoever may edit the concept."""
    return may_edit(user, profile)


ACTIONS["prefill_from_duo"] = may_prefill_from_duo


def may_propose_duo_figures(user: AnyUser, swv: Swv) -> bool:
    """SWV staff read one DUO file in for all their schools; each school confirms its own."""
    return may_manage_schools(user, swv)


SWV_ACTIONS["propose_duo_figures"] = may_propose_duo_figures

# ------------------------------------------------------------------ basisondersteuning, steunpunt
# The SWV keeps its basisondersteuning once, for all its schools, and the contact details of
# its ouder- en jeugdsteunpunt: its staff and site admins write them; every profile of the
# SWV shows them to whoever may read that profile.


def may_keep_base_support(user: AnyUser, swv: Swv) -> bool:
    return is_site_admin(user) or is_staff_of_swv(user, swv)


def may_edit_parent_help(user: AnyUser, swv: Swv) -> bool:
    return is_site_admin(user) or is_staff_of_swv(user, swv)


SWV_ACTIONS["keep_base_support"] = may_keep_base_support
SWV_ACTIONS["edit_parent_help"] = may_edit_parent_help


def is_school_side_of(user: AnyUser, profile: Profile) -> bool:
    """The school's own people: its editors, its MR and its board."""
    return (
        is_school_editor_of(user, profile)
        or is_mr_member_of(user, profile)
        or is_board_member_of(user, profile)
    )


def may_acknowledge_base_support(user: AnyUser, profile: Profile) -> bool:
    """A school marks a new basisondersteuning as read: its own editors, nobody for it."""
    return is_school_editor_of(user, profile)


ACTIONS["acknowledge_base_support"] = may_acknowledge_base_support


# ------------------------------------------------------------------ the schoolgids chapter
# The school's support offer as a chapter for its schoolgids: only of an adopted or published
# profile (what the board adopted), for whoever may read that profile; published ones are
# public like the profile. A reader of a concept is refused (403), everyone else 404.


def may_download_chapter(user: AnyUser, profile: Profile) -> bool:
    return profile.state in (State.ADOPTED, State.PUBLISHED) and may_read(user, profile)


ACTIONS["download_chapter"] = may_download_chapter


# ------------------------------------------------------------------ API keys
# An SWV's staff (and site admins) make and revoke the SWV's API keys and choose whether its
# norm outcomes are public. A key reads what the public reads, plus every profile, in every
# state, of the schools now in its SWV; never anything of another SWV. Nobody else learns
# the keys page exists.


def may_manage_api_keys(user: AnyUser, swv: Swv) -> bool:
    return is_site_admin(user) or is_staff_of_swv(user, swv)


SWV_ACTIONS["manage_api_keys"] = may_manage_api_keys


def profiles_readable_with_key(swv_id: int) -> QuerySet[Profile]:
    """What an active API key of SWV `swv_id` reads: the public profiles and its own."""
    return published_profiles() | Profile.objects.filter(school__swv_id=swv_id)


def may_choose_public_contact_person(user: AnyUser, school: School) -> bool:
    """Whether the school names its contact person on the public pages is the school's own
    choice: its editors make it (they know whether the person agreed), nobody for it."""
    return _has(user, Role.SCHOOL_EDITOR, school_id=school.pk)


def may_read_personal_answers(swv_id: int, key_swv_id: int | None) -> bool:
    """Answers that name a person (`personal: true` in the format) reach an API client only
    with the key of the school's own SWV, which reads them in the app anyway; never the
    public, the open data or another SWV's key (docs/api.md, docs/privacy.md)."""
    return key_swv_id is not None and key_swv_id == swv_id


def may_read_norm_results(swv: Swv, key_swv_id: int | None) -> bool:
    """The public sees a school's norm outcomes only when its SWV chose to publish them."""
    return swv.publishes_norm_results or key_swv_id == swv.pk
