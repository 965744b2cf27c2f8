"""The school register into an SWV: what an import would do, and doing it in one transaction.

`plan_register` only reads the database: the preview page shows its outcome. Confirming
calls `import_register`, which plans again inside the transaction (the database may have
changed since the preview) and writes every school and board or nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO

from django.conf import settings
from django.db import transaction

from opensop.accounts import access
from opensop.accounts.access import AnyUser
from opensop.imports.errors import UnreadableFileError
from opensop.imports.register import RegisterFile, RegisterRow, read_register, same_swv
from opensop.organisations.models import Board, School, Swv
from opensop.refused import Refused


class RegisterImportRefusedError(Refused):
    """The user may not import into this SWV; the message is Dutch."""


class Outcome(enum.StrEnum):
    CREATED = "nieuw"
    UPDATED = "bijgewerkt"
    UNCHANGED = "ongewijzigd"
    SKIPPED = "overgeslagen"


SCHOOL_FIELDS = {
    "name": "naam",
    "street": "straat en huisnummer",
    "postcode": "postcode",
    "city": "plaats",
    "municipality": "gemeente",
}


@dataclass(frozen=True)
class PlannedRow:
    line: int
    outcome: Outcome
    name: str
    code: str = ""
    reason: str = ""  # why skipped, or which details change
    row: RegisterRow | None = None


@dataclass
class RegisterPlan:
    swv: Swv
    rows: list[PlannedRow] = field(default_factory=list)
    has_swv_column: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def created(self) -> int:
        return self.count(Outcome.CREATED)

    @property
    def updated(self) -> int:
        return self.count(Outcome.UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(Outcome.UNCHANGED)

    @property
    def skipped(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.outcome == Outcome.SKIPPED]

    @property
    def writes(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.outcome in (Outcome.CREATED, Outcome.UPDATED)]

    def summary(self) -> str:
        return (
            f"{self.created} nieuw, {self.updated} bijgewerkt, {self.unchanged} ongewijzigd, "
            f"{len(self.skipped)} overgeslagen"
        )


def max_bytes() -> int:
    return int(settings.OPENSOP_IMPORT_MAX_BYTES)


def read_upload(file: bytes | BinaryIO) -> RegisterFile:
    data = file if isinstance(file, bytes) else file.read(max_bytes() + 1)
    return read_register(data, max_bytes())


def plan_register(swv: Swv, register: RegisterFile) -> RegisterPlan:
    """What importing `register` into `swv` would do, row by row; writes nothing."""
    plan = RegisterPlan(swv=swv, has_swv_column=register.has_swv_column)
    plan.rows += [
        PlannedRow(s.line, Outcome.SKIPPED, s.name, reason=s.reason) for s in register.skipped
    ]
    schools = _existing_schools(register.rows)
    boards = {b.number: b for b in Board.objects.filter(number__in=_board_numbers(register.rows))}
    for row in register.rows:
        plan.rows.append(_plan_row(swv, row, schools.get(row.code), boards))
    plan.rows.sort(key=lambda r: r.line)
    return plan


def _existing_schools(rows: Iterable[RegisterRow]) -> dict[str, School]:
    brins = {row.brin for row in rows}
    found = School.objects.filter(brin__in=brins).select_related("swv", "board")
    return {school.code: school for school in found}


def _board_numbers(rows: Iterable[RegisterRow]) -> set[str]:
    return {row.board_number for row in rows if row.board_number}


def _plan_row(
    swv: Swv, row: RegisterRow, school: School | None, boards: dict[str | None, Board]
) -> PlannedRow:
    def skip(reason: str) -> PlannedRow:
        return PlannedRow(row.line, Outcome.SKIPPED, row.name, row.code, reason, row)

    if row.swv_code and not same_swv(row.swv_code, swv.code):
        return skip(f"hoort bij een ander samenwerkingsverband ({row.swv_code})")
    if school is not None and school.swv_id != swv.pk:
        return skip(f"{row.code} staat al als school van {school.swv}")
    if school is None:
        if not row.board_number:
            return skip("het bevoegd-gezagnummer ontbreekt; zonder bestuur geen nieuwe school")
        return PlannedRow(row.line, Outcome.CREATED, row.name, row.code, row=row)
    changes = _changes(row, school, boards)
    if not changes:
        return PlannedRow(row.line, Outcome.UNCHANGED, row.name, row.code, row=row)
    return PlannedRow(
        row.line, Outcome.UPDATED, row.name, row.code, "wijzigt: " + ", ".join(changes), row
    )


def _changes(row: RegisterRow, school: School, boards: dict[str | None, Board]) -> list[str]:
    changed = [
        label
        for name, label in SCHOOL_FIELDS.items()
        if getattr(row, name) and getattr(row, name) != getattr(school, name)
    ]
    if row.board_number and row.board_number != school.board.number:
        changed.append("bestuur")
    board = boards.get(row.board_number) if row.board_number else None
    if board is not None and row.board_name and row.board_name != board.name:
        changed.append("naam van het bestuur")
    return changed


def import_register(user: AnyUser | None, swv: Swv, file: bytes | BinaryIO) -> RegisterPlan:
    """Create and update `swv`'s schools and boards from a DUO register file, all or nothing.

    `user` None is the command line: whoever runs it runs the server and may do anything.
    Raises `UnreadableFileError` for a file that is no register, and
    `RegisterImportRefusedError` for a user who may not import into `swv`.
    """
    if user is not None and not access.may_import_register(user, swv):
        raise RegisterImportRefusedError(
            f"Alleen medewerkers van {swv} lezen het scholenregister in voor {swv}."
        )
    register = read_upload(file)
    with transaction.atomic():
        swv = Swv.objects.select_for_update().get(pk=swv.pk)
        plan = plan_register(swv, register)
        boards: dict[str, Board] = {}
        for planned in plan.writes:
            assert planned.row is not None
            _write(swv, planned.row, boards)
        return plan


def _write(swv: Swv, row: RegisterRow, boards: dict[str, Board]) -> None:
    school = School.objects.filter(brin=row.brin, location=row.location).first()
    if school is None:
        school = School(brin=row.brin, location=row.location, swv=swv)
    for name in SCHOOL_FIELDS:
        if getattr(row, name):
            setattr(school, name, getattr(row, name))
    if row.board_number:
        school.board = _board(row, boards)
    school.full_clean()
    school.save()


def _board(row: RegisterRow, boards: dict[str, Board]) -> Board:
    board = boards.get(row.board_number)
    if board is None:
        board = Board.objects.filter(number=row.board_number).first() or Board(
            number=row.board_number, name=f"Bevoegd gezag {row.board_number}"
        )
        boards[row.board_number] = board
    if board.pk is None or (row.board_name and row.board_name != board.name):
        board.name = row.board_name or board.name
        board.full_clean()
        board.save()
    return board


__all__ = [
    "Outcome",
    "PlannedRow",
    "RegisterImportRefusedError",
    "RegisterPlan",
    "UnreadableFileError",
    "import_register",
    "plan_register",
    "read_upload",
]
