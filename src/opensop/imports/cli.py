"""`opensop import ...`: the importers on the command line, with the web app's database.

Only this module sets up Django, and only when an import command runs: the rest of the
command line stays Django-free.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

OK, FAILED, UNUSABLE = 0, 1, 2


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensop.settings")
    import django  # noqa: PLC0415

    django.setup()


def run_import(args: argparse.Namespace, out: TextIO) -> int:
    setup_django()
    commands = {"register": _register, "forms": _forms, "documents": _documents}
    return commands[args.action](args, out)


def _swv(code: str) -> Any:
    from opensop.organisations.models import Swv  # noqa: PLC0415

    swv = Swv.objects.filter(code=code).first()
    if swv is None:
        known = ", ".join(Swv.objects.values_list("code", flat=True)) or "geen"
        print(f"Samenwerkingsverband '{code}' bestaat niet (bekend: {known}).", file=sys.stderr)
    return swv


def _register(args: argparse.Namespace, out: TextIO) -> int:
    from opensop.imports import register_services as services  # noqa: PLC0415

    swv = _swv(args.swv)
    if swv is None:
        return UNUSABLE
    try:
        data = args.file.read_bytes()
    except OSError:
        print(f"{args.file}: kan niet gelezen worden", file=sys.stderr)
        return UNUSABLE
    try:
        if args.dry_run:
            plan = services.plan_register(swv, services.read_upload(data))
        else:
            plan = services.import_register(None, swv, data)
    except services.UnreadableFileError as exc:
        print(f"{args.file}: niet ingelezen. {exc}", file=sys.stderr)
        return FAILED
    _report(plan, out, dry_run=args.dry_run)
    return OK


def _report(plan: object, out: TextIO, *, dry_run: bool) -> None:
    from opensop.imports.register_services import Outcome, RegisterPlan  # noqa: PLC0415

    assert isinstance(plan, RegisterPlan)
    if not plan.has_swv_column:
        print(
            f"Let op: het bestand heeft geen kolom met de code van het samenwerkingsverband; "
            f"elke regel is als school van {plan.swv.code} gelezen.",
            file=out,
        )
    for row in plan.rows:
        if row.outcome != Outcome.UNCHANGED:
            detail = f": {row.reason}" if row.reason else ""
            print(f"regel {row.line}: {row.outcome} {row.code} {row.name}{detail}", file=out)
    prefix = "Zou worden (niets opgeslagen)" if dry_run else "Ingelezen"
    print(f"{prefix}: {plan.summary()}.", file=out)


def _forms(args: argparse.Namespace, out: TextIO) -> int:
    from opensop.imports.bulk import BulkKind  # noqa: PLC0415

    return _bulk(args, out, BulkKind.FORMS)


def _documents(args: argparse.Namespace, out: TextIO) -> int:
    from opensop.imports.bulk import BulkKind  # noqa: PLC0415

    return _bulk(args, out, BulkKind.DOCUMENTS)


def _bulk(args: argparse.Namespace, out: TextIO, kind: Any) -> int:
    from opensop.imports import bulk  # noqa: PLC0415
    from opensop.imports.errors import UnreadableFileError  # noqa: PLC0415
    from opensop.imports.form_mapping import SCHOOL_YEAR  # noqa: PLC0415

    swv = _swv(args.swv)
    if swv is None:
        return UNUSABLE
    if args.school_year and not SCHOOL_YEAR.match(args.school_year):
        print(
            f"Schooljaar '{args.school_year}' is geen schooljaar (bijv. 2025-2026).",
            file=sys.stderr,
        )
        return UNUSABLE
    paths = _files_in(args.folder, kind.suffixes)
    if paths is None:
        return UNUSABLE

    def print_report(report: bulk.FileReport, done: int) -> None:
        school = f" ({report.school})" if report.school else ""
        detail = f": {report.reason}" if report.reason else ""
        taken = f", {report.answers_taken} {_TAKEN[kind]}" if report.answers_taken else ""
        print(f"{report.name}: {report.outcome}{school}{taken}{detail}", file=out, flush=True)

    try:
        reports = bulk.import_files(
            swv, None, kind, _read(paths), school_year=args.school_year, progress=print_report
        )
    except UnreadableFileError as exc:
        print(str(exc), file=sys.stderr)
        return UNUSABLE
    print(f"{len(reports)} bestanden: {bulk.summary(reports)}.", file=out)
    done = all(r.outcome == bulk.BulkOutcome.IMPORTED for r in reports)
    return OK if done else FAILED


_TAKEN = {"formulieren": "antwoorden", "documenten": "thema’s"}


def _read(paths: list[Path]) -> Iterator[tuple[str, bytes]]:
    """One file at a time: a region's folder need not fit in memory."""
    for path in paths:
        try:
            yield path.name, path.read_bytes()
        except OSError:
            yield path.name, b""  # reported as an empty file, like an upload


def _files_in(folder: Path, suffixes: tuple[str, ...]) -> list[Path] | None:
    if not folder.is_dir():
        print(f"{folder}: is geen map.", file=sys.stderr)
        return None
    paths = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
    if not paths:
        kinds = ", ".join(s.removeprefix(".").upper() for s in suffixes)
        noun = "PDF-bestanden" if suffixes == (".pdf",) else f"bestanden ({kinds})"
        print(f"{folder}: er staan geen {noun} in.", file=sys.stderr)
        return None
    return paths
