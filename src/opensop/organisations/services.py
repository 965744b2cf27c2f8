"""Adding and changing the schools of an SWV: the rule, the checks and the write in one
transaction. The pages for SWV staff call these; nothing else writes a school.

A school is never deleted here: its profiles are the public record of its support.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from opensop.accounts import access
from opensop.accounts.access import AnyUser, as_user
from opensop.documents.models import Kind, StoredDocument
from opensop.logs import security_event
from opensop.organisations.models import Board, School, Swv
from opensop.refused import Refused


class SchoolError(Refused):
    """A forbidden change; the message is Dutch and says why."""


@dataclass(frozen=True)
class NewBoard:
    """A board typed in beside the school, created together with it."""

    name: str
    number: str | None = None


def add_school(swv: Swv, school: School, board: Board | NewBoard, user: AnyUser) -> School:
    """Save the unsaved `school` in `swv`, with an existing or a new board."""
    with transaction.atomic():
        _require_manager(user, swv)
        school.swv = swv
        return _save(school, board)


def update_school(school: School, board: Board | NewBoard, user: AnyUser) -> School:
    """Save the changed `school`; it stays in the SWV it was in."""
    with transaction.atomic():
        stored = School.objects.select_for_update().select_related("swv").get(pk=school.pk)
        _require_manager(user, stored.swv)
        # Staff cannot move a school to an SWV they may not manage, whatever was posted.
        school.swv = stored.swv
        return _save(school, board)


def _require_manager(user: AnyUser, swv: Swv) -> None:
    if not access.may_manage_schools(user, swv):
        raise SchoolError(f"Alleen medewerkers van {swv} beheren de scholen van {swv}.")


def _save(school: School, board: Board | NewBoard) -> School:
    if isinstance(board, NewBoard):
        board = Board(name=board.name.strip(), number=board.number or None)
        board.full_clean()
        board.save()
    school.board = board
    # The form checked this already; checked again for any other caller.
    school.full_clean()
    school.save()
    return school


PARENT_HELP_FIELDS = (
    "parent_help_name",
    "parent_help_phone",
    "parent_help_email",
    "parent_help_website",
    "parent_help_text",
)


def update_parent_help(swv: Swv, details: dict[str, str], user: AnyUser) -> Swv:
    """Save the contact details of the SWV's ouder- en jeugdsteunpunt (for the schoolgids)."""
    with transaction.atomic():
        stored = Swv.objects.select_for_update().get(pk=swv.pk)
        if not access.may_edit_parent_help(user, stored):
            raise SchoolError(f"Alleen medewerkers van {swv} wijzigen het steunpunt van {swv}.")
        for name in PARENT_HELP_FIELDS:
            setattr(stored, name, details.get(name, "").strip())
        stored.full_clean()
        stored.save(update_fields=list(PARENT_HELP_FIELDS))
        return stored


def choose_public_contact_person(school: School, shown: bool, user: AnyUser) -> School:
    """The school's choice whether its public pages name its contact person: the answers its
    format marks personal and lists as the summary's contact (docs/privacy.md). Takes effect
    at once on every public profile of the school, also those published before: the stored
    summaries for parents (the only stored document that shows the contact) are removed, to
    be typeset again with the choice on their next download."""
    with transaction.atomic():
        stored = School.objects.select_for_update().get(pk=school.pk)
        if not access.may_choose_public_contact_person(user, stored):
            raise SchoolError(
                f"Alleen de schoolbewerkers van {stored.name} kiezen of de contactpersoon "
                "op de openbare pagina staat."
            )
        if stored.shows_contact_person == shown:
            return stored
        stored.shows_contact_person = shown
        stored.contact_person_chosen_by = as_user(user)
        stored.contact_person_chosen_at = timezone.now()
        stored.save(
            update_fields=[
                "shows_contact_person",
                "contact_person_chosen_by",
                "contact_person_chosen_at",
                "updated_at",
            ]
        )
        summaries = StoredDocument.objects.filter(profile__school=stored, kind=Kind.SUMMARY)
        files = [document.file for document in summaries]
        summaries.delete()
        # The files go once the rows are gone for good (not when the change is rolled back).
        transaction.on_commit(partial(_remove_files, files))
    person = as_user(user)
    security_event(
        "public_contact_person_chosen",
        school_id=stored.pk,
        user_id=person.pk if person else None,
        shown=shown,
    )
    return stored


def _remove_files(files: list[FieldFile]) -> None:
    for file in files:
        file.delete(save=False)
