"""Keeping the SWV's basisondersteuning: the draft, publishing a version, the version in force.

Only these functions write the models; each checks the rule and writes in one transaction.
A published version is never changed: it is what the profiles of its period refer to.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.basisondersteuning import text as base_text
from opensop.basisondersteuning.models import (
    BaseSupportAcknowledgement,
    BaseSupportDraft,
    BaseSupportVersion,
)
from opensop.formats.definition import FormatDefinition
from opensop.organisations.models import School, Swv
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import format_of
from opensop.refused import Refused

# A school year runs from 1 August to 31 July.
YEAR_START = (8, 1)


class BaseSupportRefusedError(Refused, PermissionError):
    """The user may not change this SWV's basisondersteuning."""


def _require_keeper(user: AnyUser, swv: Swv) -> None:
    if not access.may_keep_base_support(user, swv):
        raise BaseSupportRefusedError("Alleen medewerkers van het samenwerkingsverband mogen dit.")


def save_draft(
    swv: Swv, user: AnyUser, title: str, parts: list[dict[str, str]], valid_from: datetime.date
) -> BaseSupportDraft:
    """Keep what the staff typed as the draft of the next version (checked, or nothing saved)."""
    checked = base_text.parts_from_data(parts)
    with transaction.atomic():
        _require_keeper(user, swv)
        draft, _ = BaseSupportDraft.objects.select_for_update().get_or_create(
            swv=swv, defaults={"title": title}
        )
        draft.title = title.strip()
        draft.parts = [p.as_dict() for p in checked]
        draft.valid_from = valid_from
        draft.updated_by = access.as_user(user)
        draft.save()
        return draft


def publish_draft(swv: Swv, user: AnyUser) -> BaseSupportVersion:
    """The draft becomes the SWV's next version; the draft stays as the start of the next."""
    with transaction.atomic():
        _require_keeper(user, swv)
        draft = BaseSupportDraft.objects.select_for_update().filter(swv=swv).first()
        if draft is None or not draft.parts:
            raise base_text.BaseSupportError("Er is geen concept om te publiceren.")
        text = base_text.BaseSupportText(
            draft.title, base_text.parts_from_data(draft.parts), draft.valid_from
        )
        return _publish(swv, user, text, draft.valid_from)


def publish_text(
    swv: Swv, user: AnyUser | None, text: base_text.BaseSupportText, valid_from: datetime.date
) -> BaseSupportVersion:
    """A whole basisondersteuning (e.g. read from YAML) as the SWV's next version.

    `user` None: the command line, run by whoever runs the server.
    """
    with transaction.atomic():
        if user is not None:
            _require_keeper(user, swv)
        return _publish(swv, user, text, valid_from)


def _publish(
    swv: Swv, user: AnyUser | None, text: base_text.BaseSupportText, valid_from: datetime.date
) -> BaseSupportVersion:
    # Lock the SWV row so two publications never take the same number.
    Swv.objects.select_for_update().filter(pk=swv.pk).first()
    last = BaseSupportVersion.objects.filter(swv=swv).aggregate(n=Max("number"))["n"] or 0
    return BaseSupportVersion.objects.create(
        swv=swv,
        number=last + 1,
        title=text.title,
        parts=text.parts_as_data(),
        valid_from=valid_from,
        published_by=access.as_user(user) if user is not None else None,
    )


def draft_or_start(swv: Swv) -> BaseSupportDraft:
    """The draft, or an unsaved one that starts from the newest version."""
    draft = BaseSupportDraft.objects.filter(swv=swv).first()
    if draft is not None:
        return draft
    newest = BaseSupportVersion.objects.filter(swv=swv).first()
    if newest is None:
        return BaseSupportDraft(swv=swv, title=f"Basisondersteuning {swv.name}", parts=[])
    return BaseSupportDraft(swv=swv, title=newest.title, parts=newest.parts)


# ------------------------------------------------------------------ what a profile shows


def reference_date(profile: Profile) -> datetime.date:
    """The date whose version a profile shows: its adoption, else today within its year."""
    if profile.state in (State.ADOPTED, State.PUBLISHED) and profile.adopted_on is not None:
        return profile.adopted_on
    first_year = int(profile.school_year[:4])
    start = datetime.date(first_year, *YEAR_START)
    end = datetime.date(first_year + 1, *YEAR_START) - datetime.timedelta(days=1)
    return min(max(timezone.localdate(), start), end)


def version_on(swv: Swv, on: datetime.date) -> BaseSupportVersion | None:
    """The version in force on `on`: the newest one valid from that day or earlier."""
    return (
        BaseSupportVersion.objects.filter(swv=swv, valid_from__lte=on)
        .select_related("published_by")
        .order_by("-valid_from", "-number")
        .first()
    )


@dataclass(frozen=True)
class InForce:
    """The version a profile refers to, and what changed since the one before it."""

    version: BaseSupportVersion
    text: base_text.BaseSupportText
    unplaced: list[base_text.Part]  # parts no fixed text of the format takes
    previous: BaseSupportVersion | None
    changes: list[base_text.PartChange]


def in_force_for(profile: Profile, definition: FormatDefinition | None = None) -> InForce | None:
    version = version_on(profile.school.swv, reference_date(profile))
    if version is None:
        return None
    text = version.as_text()
    previous = (
        BaseSupportVersion.objects.filter(swv=version.swv, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    return InForce(
        version=version,
        text=text,
        unplaced=base_text.unplaced_parts(definition or format_of(profile), text),
        previous=previous,
        changes=base_text.changes(previous.as_text(), text) if previous else [],
    )


def shown_format_of(profile: Profile) -> tuple[FormatDefinition, InForce | None]:
    """The profile's format with the SWV's basisondersteuning in force in its fixed texts."""
    definition = format_of(profile)
    in_force = in_force_for(profile, definition)
    if in_force is None:
        return definition, None
    return base_text.apply_to(definition, in_force.text), in_force


# ------------------------------------------------------------------ schools read a new version
# Each school sees the SWV's newest version, with what changed, until one of its editors
# marks it as read. The newest, not the one in force today: a version adopted for next
# school year is news for the schools now.


@dataclass(frozen=True)
class NewVersion:
    """The newest version a school has not marked as read, and what changed in it."""

    version: BaseSupportVersion
    previous: BaseSupportVersion | None
    changes: list[base_text.PartChange]


def newest_version(swv: Swv) -> BaseSupportVersion | None:
    return (
        BaseSupportVersion.objects.filter(swv=swv)
        .select_related("published_by")
        .order_by("-number")
        .first()
    )


def unread_version(school: School) -> NewVersion | None:
    """The SWV's newest version if `school` has not marked it as read yet."""
    version = newest_version(school.swv)
    if version is None or version.acknowledgements.filter(school=school).exists():
        return None
    previous = (
        BaseSupportVersion.objects.filter(swv=version.swv, number__lt=version.number)
        .order_by("-number")
        .first()
    )
    changes = base_text.changes(previous.as_text(), version.as_text()) if previous else []
    return NewVersion(version, previous, changes)


def acknowledge_version(
    profile: Profile, user: AnyUser, version_id: int
) -> BaseSupportAcknowledgement:
    """A school editor marks the version as read for their school, once (a second click
    keeps the first reader and date)."""
    with transaction.atomic():
        if not access.may_acknowledge_base_support(user, profile):
            raise BaseSupportRefusedError("Alleen een schoolredacteur van deze school mag dit.")
        school = profile.school
        version = BaseSupportVersion.objects.filter(pk=version_id, swv_id=school.swv_id).first()
        if version is None:
            raise base_text.BaseSupportError(
                "Deze versie van de basisondersteuning hoort niet bij het samenwerkingsverband "
                "van deze school."
            )
        acknowledgement, _ = BaseSupportAcknowledgement.objects.get_or_create(
            version=version, school=school, defaults={"acknowledged_by": access.as_user(user)}
        )
        return acknowledgement


@dataclass(frozen=True)
class SchoolReading:
    school: School
    acknowledgement: BaseSupportAcknowledgement | None


def readers_of(version: BaseSupportVersion) -> list[SchoolReading]:
    """Every school of the version's SWV, with who marked the version as read and when:
    two queries."""
    read = {a.school_id: a for a in version.acknowledgements.select_related("acknowledged_by")}
    schools = version.swv.schools.order_by("name", "pk")
    return [SchoolReading(school, read.get(school.pk)) for school in schools]
