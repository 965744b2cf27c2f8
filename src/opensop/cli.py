"""The `opensop` command line: list and check formats, check profiles, carry answers over,
and build an SWV's documents into a folder.

Exit status: 0 when all is well, 1 when a definition or profile is invalid or a
norm is not met, 2 when the command itself cannot run (a missing file, say).
Every message is Dutch; no input produces a traceback. Only `documents build` needs the
database: it loads Django when it runs, so the other commands work without it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ruamel.yaml import YAML

from opensop.formats.carry_over import CarryOverError, carry_over
from opensop.formats.loader import DefinitionError, load_definition_file
from opensop.formats.profile import check_profile_text
from opensop.formats.registry import FormatRegistry, definition_files
from opensop.formats.report import render_json, render_text
from opensop.formats.vocabulary import default_vocabulary

OK, FAILED, UNUSABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch errors and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(UNUSABLE, f"opensop: fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="opensop", description="Open SOP: schoolondersteuningsprofielen.")
    parser.add_argument(
        "--formats",
        action="append",
        type=Path,
        default=[],
        metavar="MAP",
        help="extra map met formaatdefinities (naast de ingebouwde)",
    )
    topics = parser.add_subparsers(dest="topic", required=True, parser_class=_Parser)

    formats = topics.add_parser("format", help="formaatdefinities").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    formats.add_parser("list", help="toon alle bekende formaten")
    check = formats.add_parser("check", help="controleer een of meer definitiebestanden")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")

    profiles = topics.add_parser("profile", help="ingevulde profielen").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    profile_check = profiles.add_parser("check", help="controleer antwoorden en normen")
    profile_check.add_argument("files", nargs="+", type=Path, metavar="ANSWERS")
    profile_check.add_argument("--json", action="store_true", help="uitvoer als JSON")
    carry = profiles.add_parser(
        "carry-over", help="neem antwoorden over naar een nieuw schooljaar of nieuwe versie"
    )
    carry.add_argument("file", type=Path, metavar="ANSWERS")
    carry.add_argument(
        "--school-year", required=True, help="het nieuwe schooljaar, bijv. 2026-2027"
    )
    carry.add_argument("--to-version", type=int, help="de nieuwe versie van het formaat")

    imports = topics.add_parser("import", help="inlezen wat een regio al heeft").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    register = imports.add_parser(
        "register", help="lees het scholenregister van DUO (CSV) in voor een samenwerkingsverband"
    )
    register.add_argument("file", type=Path, metavar="FILE")
    register.add_argument("--swv", required=True, metavar="CODE", help="bijv. 'PO 31-06'")
    register.add_argument(
        "--dry-run", action="store_true", help="toon alleen wat er zou gebeuren; sla niets op"
    )

    forms = imports.add_parser(
        "forms",
        help="lees een map met ingevulde PDF-formulieren in voor de scholen van een SWV",
        description="Koppelt elk formulier op brinnummer of naam aan een school van het "
        "samenwerkingsverband en zet de antwoorden in het conceptprofiel van het schooljaar. "
        "Per bestand: ingelezen, nakijken (afwijkende antwoorden of twijfel over de school; "
        "er is niets opgeslagen) of niet ingelezen, met de reden. Exit-code 0 als alles is "
        "ingelezen, 1 als er iets na te kijken of mislukt is, 2 bij een onbruikbare opdracht.",
    )
    forms.add_argument("folder", type=Path, metavar="MAP")
    forms.add_argument("--swv", required=True, metavar="CODE", help="bijv. 'PO 31-06'")
    forms.add_argument(
        "--school-year", metavar="JAAR", help="voor formulieren zonder schooljaar, bijv. 2025-2026"
    )

    older = imports.add_parser(
        "documents",
        help="lees een map met oudere profieldocumenten (Word, PDF, tekst) in voor een SWV",
        description="Koppelt elk document op brinnummer of schoolnaam (in de bestandsnaam of "
        "bovenaan het document) aan een school van het samenwerkingsverband en zet het aanbod "
        "per thema in het conceptprofiel van het schooljaar. Per bestand: ingelezen, nakijken "
        "(ander aanbod in het profiel of twijfel over de school; er is niets opgeslagen) of "
        "niet ingelezen, met de reden. Exit-codes als bij 'import forms'.",
    )
    older.add_argument("folder", type=Path, metavar="MAP")
    older.add_argument("--swv", required=True, metavar="CODE", help="bijv. 'VO 27-05'")
    older.add_argument(
        "--school-year", metavar="JAAR", help="voor documenten zonder schooljaar, bijv. 2014-2015"
    )

    needs = topics.add_parser("needs", help="de lijst van ondersteuningsbehoeften")
    needs.add_subparsers(dest="action", required=True, parser_class=_Parser).add_parser(
        "list", help="toon alle ondersteuningsbehoeften met synoniemen"
    )

    documents = topics.add_parser("documents", help="documenten uit de database").add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    build = documents.add_parser(
        "build",
        help="de documenten van de vastgestelde profielen van een SWV in een map",
        description="Schrijft per school het laatste vastgestelde of gepubliceerde profiel van "
        "het schooljaar als PDF in MAP, met inhoud.txt. Leest de database uit de instellingen "
        "(DATABASE_URL en DJANGO_SECRET_KEY, zoals manage.py).",
    )
    build.add_argument("--swv", required=True, metavar="CODE", help="bijv. 'PO 31-06'")
    build.add_argument("--year", required=True, metavar="JAAR", help="bijv. 2025-2026 of 2025")
    build.add_argument(
        "--kind",
        choices=["full", "summary", "both"],
        default="full",
        help="volledig profiel (full, standaard), samenvatting (summary) of beide (both)",
    )
    build.add_argument("folder", type=Path, metavar="MAP")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        return _run(args, out)
    except BrokenPipeError:
        return OK  # the reader (e.g. `| head`) stopped listening; nothing went wrong here
    except Exception as exc:  # the promise: a Dutch message, never a traceback
        print(
            f"opensop: interne fout ({exc.__class__.__name__}); meld dit aan de beheerders "
            "met het bestand en de opdracht die u gaf.",
            file=sys.stderr,
        )
        return UNUSABLE


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.topic == "import":
        # The only commands that need the web app's database: Django loads here, not before.
        from opensop.imports.cli import run_import  # noqa: PLC0415

        return run_import(args, out)
    if args.topic == "documents":
        return _documents_build(args, out)
    try:
        registry = FormatRegistry.builtin(args.formats)
    except DefinitionError as exc:
        print("Een formaatdefinitie is ongeldig:", file=out)
        for problem in exc.problems:
            print(f"  - {problem.render()}", file=out)
        return FAILED
    command = {
        ("format", "list"): _format_list,
        ("format", "check"): _format_check,
        ("profile", "check"): _profile_check,
        ("profile", "carry-over"): _profile_carry_over,
        ("needs", "list"): _needs_list,
    }[(args.topic, args.action)]
    return command(args, registry, out)


def _format_list(args: argparse.Namespace, registry: FormatRegistry, out: TextIO) -> int:
    for definition in registry:
        items = len(definition.entries)
        print(
            f"{definition.id}  versie {definition.version}  {definition.sector.value}  "
            f"{definition.title}  ({', '.join(definition.swv_codes)}; "
            f"{items} items, {len(definition.norms)} normen)",
            file=out,
        )
    return OK


def _format_check(args: argparse.Namespace, registry: FormatRegistry, out: TextIO) -> int:
    status = OK
    for path in _expand(args.files):
        if not path.exists():
            print(f"{path}: bestand bestaat niet", file=out)
            status = max(status, UNUSABLE)
            continue
        try:
            definition = load_definition_file(path)
        except DefinitionError as exc:
            print(f"{path}: ongeldig ({len(exc.problems)} fout(en))", file=out)
            for problem in exc.problems:
                print(f"  - {problem.render()}", file=out)
            status = max(status, FAILED)
            continue
        sections = sum(1 for _ in definition.all_sections())
        print(
            f"{path}: in orde — {definition.ref}: {sections} secties, "
            f"{len(definition.entries)} items, {len(definition.norms)} normen",
            file=out,
        )
    return status


def _expand(paths: Sequence[Path]) -> list[Path]:
    return [p for path in paths for p in (definition_files(path) if path.is_dir() else [path])]


def _profile_check(args: argparse.Namespace, registry: FormatRegistry, out: TextIO) -> int:
    status = OK
    reports = []
    for path in args.files:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{path}: kan niet gelezen worden ({exc.__class__.__name__})", file=out)
            status = max(status, UNUSABLE)
            continue
        check = check_profile_text(text, registry, str(path))
        if not check.passed:
            status = max(status, FAILED)
        if args.json:
            reports.append(render_json(check, str(path)))
        else:
            print(render_text(check, str(path)), file=out)
    if args.json:
        json.dump(reports[0] if len(reports) == 1 else reports, out, ensure_ascii=False, indent=2)
        print(file=out)
    return status


def _profile_carry_over(args: argparse.Namespace, registry: FormatRegistry, out: TextIO) -> int:
    try:
        text = args.file.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        print(f"{args.file}: kan niet gelezen worden", file=sys.stderr)
        return UNUSABLE
    check = check_profile_text(text, registry, str(args.file))
    if check.definition is None or not check.valid:
        print("\n".join(p.render() for p in check.errors), file=sys.stderr)
        return FAILED
    source = check.definition
    target = registry.get(source.id, args.to_version or source.version)
    if target is None:
        print(f"formaat {source.id} versie {args.to_version} bestaat niet", file=sys.stderr)
        return FAILED
    try:
        carried = carry_over(check.values, source, target)
    except CarryOverError as exc:
        print(f"Overnemen kan niet: {exc}", file=sys.stderr)
        return FAILED
    for problem in carried.dropped:
        print(f"Niet overgenomen: {problem.render()}", file=sys.stderr)
    document = {
        "format": target.id,
        "version": target.version,
        "school_year": args.school_year,
        "school": check.school,
        "answers": carried.answers,
    }
    YAML().dump(document, out)  # round-trip dumper: keeps the header first
    return OK


def _needs_list(args: argparse.Namespace, registry: FormatRegistry, out: TextIO) -> int:
    for need in default_vocabulary().needs:
        print(f"{need.code}: {need.name} — {', '.join(need.synonyms)}", file=out)
    return OK


def _documents_build(args: argparse.Namespace, out: TextIO) -> int:
    """The same files as the ZIP on the SWV's documents page, into a folder."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensop.settings")
    try:
        import django  # noqa: PLC0415 - only this command needs Django and the database

        django.setup()
    except Exception as exc:  # settings that cannot load: say which, briefly
        print(f"opensop: Django kan niet starten: {exc}", file=sys.stderr)
        return UNUSABLE
    from opensop.documents import documents_command  # noqa: PLC0415 - needs django.setup()

    return documents_command.build(args.swv, args.year, args.kind, args.folder, out)


if __name__ == "__main__":
    sys.exit(main())
