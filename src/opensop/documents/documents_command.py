"""`opensop documents build`: an SWV's documents into a folder, as the ZIP would hold them.

Loaded by the CLI only after django.setup(). A line per school on stderr shows progress;
the summary goes to stdout. Exit status as the CLI's: 0 all well, 1 some schools had no
adopted or published profile that year, 2 bad input (SWV, year, folder) or a failed document.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TextIO

from opensop.cli import FAILED, OK, UNUSABLE
from opensop.documents import batches
from opensop.documents.models import BatchKinds


def build(swv_code: str, year: str, kind: str, folder: Path, out: TextIO) -> int:
    try:
        selection = batches.Selection(
            swv=batches.swv_by_code(swv_code),
            school_year=batches.school_year(year),
            kinds=BatchKinds(kind).kinds,
        )
    except batches.SelectionError as exc:
        print(f"opensop: {exc}", file=sys.stderr)
        return UNUSABLE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        progress = functools.partial(_progress, selection.school_year)
        outcome = batches.build(selection, batches.folder_writer(folder), progress)
    except OSError as exc:
        print(f"opensop: kan niet schrijven in {folder}: {exc.strerror or exc}", file=sys.stderr)
        return UNUSABLE
    except batches.DocumentFailedError as exc:
        print(f"opensop: {exc}; meld dit aan de beheerders.", file=sys.stderr)
        return UNUSABLE
    included = len(outcome.results) - len(outcome.skipped)
    files = "1 PDF-bestand" if outcome.files == 1 else f"{outcome.files} PDF-bestanden"
    print(
        f"{selection.swv.code} {selection.school_year}: {included} van {len(outcome.results)} "
        f"scholen opgenomen ({files}), {len(outcome.skipped)} overgeslagen. "
        f"Zie {folder / batches.CONTENTS}.",
        file=out,
    )
    return FAILED if outcome.skipped else OK


def _progress(year: str, result: batches.SchoolResult, done: int, total: int) -> None:
    school = f"{result.school.name} ({result.school.code})"
    what = f"overgeslagen: {result.reason(year)}" if result.skipped else ", ".join(result.files)
    print(f"[{done}/{total}] {school}: {what}", file=sys.stderr, flush=True)
