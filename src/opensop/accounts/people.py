"""What the people page shows: per organisation, who holds a role there and who is invited.

Only the roles the viewer may give (access.invitable_roles) are listed: whoever may not
invite for a role does not see who holds it either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from opensop.accounts.models import (
    Invitation,
    Membership,
    Organisation,
    Role,
    organisation_field,
    role_fits,
)
from opensop.organisations.models import Board, School, Swv

KIND_NAMES = {"swv": "Samenwerkingsverband", "board": "Bestuur", "school": "School"}
MODELS: dict[str, type[Organisation]] = {"swv": Swv, "board": Board, "school": School}
Target = tuple[Role, Organisation]


def target_value(role: str, organisation: Organisation) -> str:
    """A role in an organisation as one form value, e.g. "school_editor:school:12"."""
    return f"{role}:{organisation_field(role)}:{organisation.pk}"


def parse_target(value: str) -> Target | None:
    """The role and organisation a form value names; None if it names none."""
    try:
        role_value, kind, pk = value.split(":")
        role = Role(role_value)
        organisation: Organisation = MODELS[kind].objects.get(pk=int(pk))
    except (ValueError, KeyError, ObjectDoesNotExist):
        return None
    return (role, organisation) if role_fits(role, organisation) else None


@dataclass
class OrganisationPeople:
    kind: str
    organisation: Organisation
    memberships: list[Membership] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{KIND_NAMES[self.kind]} {self.organisation}"


def people_overview(targets: list[Target]) -> list[OrganisationPeople]:
    """The organisations of `targets`, in their order, with their people and open invitations."""
    groups: dict[tuple[str, int], OrganisationPeople] = {}
    for role, organisation in targets:
        kind = organisation_field(role)
        groups.setdefault((kind, organisation.pk), OrganisationPeople(kind, organisation))
    allowed = {(role.value, organisation_field(role), org.pk) for role, org in targets}
    where = Q()
    for kind in KIND_NAMES:
        where |= Q(**{f"{kind}_id__in": [pk for k, pk in groups if k == kind]})
    memberships = (
        Membership.objects.filter(where)
        .select_related("user", "school", "board", "swv")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )
    for membership in memberships:
        key = (organisation_field(membership.role), membership.organisation.pk)
        if (membership.role, *key) in allowed:
            groups[key].memberships.append(membership)
    open_invitations = Invitation.objects.filter(
        where, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("school", "board", "swv", "invited_by")
    for invitation in open_invitations:
        key = (organisation_field(invitation.role), invitation.organisation.pk)
        if (invitation.role, *key) in allowed:
            groups[key].invitations.append(invitation)
    return list(groups.values())
