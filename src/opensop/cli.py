"""The `opensop` command line: list and check formats, check profiles, carry answers over.

Exit status: 0 when all is well, 1 when a definition or profile is invalid or a
norm is not met, 2 when the command itself cannot run (a missing file, say).
Every message is Dutch; no input produces a traceback.
"""

from __future__ import annotations

import argparse
import json
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

    needs = topics.add_parser("needs", help="de lijst van ondersteuningsbehoeften")
    needs.add_subparsers(dest="action", required=True, parser_class=_Parser).add_parser(
        "list", help="toon alle ondersteuningsbehoeften met synoniemen"
    )
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


if __name__ == "__main__":
    sys.exit(main())
