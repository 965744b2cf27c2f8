"""Open data: every public profile (the newest per school) per SWV and nationally, as CSV
(one row per school and need; one per school and answer) and JSON, with a manifest that
says the date and the licence. Written through a Django Storage, file by file.

Only profiles/published.py decides what is public; levels and norm outcomes come from the
stored ProfileSummary; norm outcomes only for SWVs that publish them. Answers that name a
person (`personal: true` in the format) are in no file: CC0 data may be used by anyone for
anything, which no director or IB'er agreed to (docs/privacy.md).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from django.core.files import File
from django.core.files.storage import Storage
from django.utils import timezone

from opensop.accounts.access import may_read_norm_results
from opensop.api.serializers import definition_of, norm_outcomes, summary_of
from opensop.formats.answers import is_filled
from opensop.formats.vocabulary import default_vocabulary
from opensop.overview.export import neutralised
from opensop.profiles.models import Profile
from opensop.profiles.presentation import answer_text
from opensop.profiles.published import latest_published_profiles

LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"
MANIFEST = "manifest.json"
NEED_COLUMNS = [
    "samenwerkingsverband",
    "school",
    "schoolnaam",
    "gemeente",
    "sector",
    "schooljaar",
    "versie",
    "gepubliceerd_op",
    "behoefte",
    "behoefte_naam",
    "niveau",
]
ANSWER_COLUMNS = [
    "samenwerkingsverband",
    "school",
    "schoolnaam",
    "schooljaar",
    "versie",
    "sectie",
    "nummer",
    "sleutel",
    "vraag",
    "antwoord",
]
KINDS = {
    "behoeften.csv": "één rij per school en ondersteuningsbehoefte",
    "antwoorden.csv": "één rij per school en antwoord",
    "profielen.json": "alle gegevens per profiel",
}


@dataclass
class OpenDataFile:
    name: str
    swv: str  # the SWV's code, or "" for the national files
    kind: str  # one of KINDS
    size: int = 0


@dataclass
class Manifest:
    date: str
    files: list[OpenDataFile] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "datum": self.date,
            "licentie": LICENCE,
            "licentie_url": LICENCE_URL,
            "bestanden": [
                {"naam": f.name, "samenwerkingsverband": f.swv, "soort": f.kind, "grootte": f.size}
                for f in self.files
            ],
        }


def slug(code: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


class _Target:
    """The three files of one scope (an SWV or the country), written to temporary files."""

    def __init__(self, stack: ExitStack, prefix: str, swv_code: str, date: str) -> None:
        self.prefix, self.swv_code = prefix, swv_code
        # Binary temporary files (handed to the storage as they are) written through text
        # wrappers: the national answers file is large and never held in memory whole.
        # The ExitStack closes the files (and with them their wrappers).
        self.raw = {kind: stack.enter_context(tempfile.TemporaryFile()) for kind in KINDS}  # noqa: SIM115
        self.temps = {
            kind: io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=True)
            for kind, raw in self.raw.items()
        }
        self.needs = csv.writer(self.temps["behoeften.csv"], delimiter=";", lineterminator="\r\n")
        self.answers = csv.writer(
            self.temps["antwoorden.csv"], delimiter=";", lineterminator="\r\n"
        )
        self.needs.writerow(NEED_COLUMNS)
        self.answers.writerow(ANSWER_COLUMNS)
        header = {"datum": date, "licentie": LICENCE, "samenwerkingsverband": swv_code or None}
        self.temps["profielen.json"].write(json.dumps(header, ensure_ascii=False)[:-1])
        self.temps["profielen.json"].write(', "profielen": [\n')
        self.first = True

    def add(self, prepared: Prepared) -> None:
        self.needs.writerows(prepared.need_rows)
        self.answers.writerows(prepared.answer_rows)
        out = self.temps["profielen.json"]
        out.write(("" if self.first else ",\n") + prepared.record)
        self.first = False

    def save(self, storage: Storage, manifest: Manifest) -> None:
        self.temps["profielen.json"].write("\n]}\n")
        base = f"swv-{slug(self.swv_code)}" if self.swv_code else "landelijk"
        for kind, raw in self.raw.items():
            self.temps[kind].flush()
            size = raw.tell()
            raw.seek(0)
            name = f"{base}-{kind}"
            path = f"{self.prefix}/{name}" if self.prefix else name
            if storage.exists(path):
                storage.delete(path)
            storage.save(path, File(raw, name=name))
            manifest.files.append(OpenDataFile(name, self.swv_code, kind, size))


@dataclass(frozen=True)
class Prepared:
    """One profile's rows, neutralised and encoded once for both files it goes into (its
    SWV's and the national one): that work is most of the export's time."""

    record: str  # JSON
    need_rows: list[list[Any]]
    answer_rows: list[list[Any]]


def _prepared(profile: Profile) -> Prepared:
    record, need_rows, answer_rows = _rows(profile)
    return Prepared(
        json.dumps(record, ensure_ascii=False),
        [[neutralised(v) for v in row] for row in need_rows],
        [[neutralised(v) for v in row] for row in answer_rows],
    )


def _rows(profile: Profile) -> tuple[dict[str, Any], list[list[Any]], list[list[Any]]]:
    school, swv = profile.school, profile.school.swv
    summary, definition = summary_of(profile), definition_of(profile)
    needs = dict(summary.needs) if summary else {}
    published = profile.published_at.isoformat() if profile.published_at else ""
    names = {n.code: n.name for n in default_vocabulary().needs}
    school_columns = [swv.code, school.code, school.name, school.municipality, swv.sector]
    profile_columns = [profile.school_year, profile.edition, published]
    need_rows = [
        [*school_columns, *profile_columns, code, names.get(code, code), level or "onbekend"]
        for code, level in needs.items()
    ]
    answers = []
    for key, entry in definition.entries.items() if definition else []:
        value = profile.answers.get(key)
        if entry.item.kind == "fixed_text" or entry.item.personal:
            continue
        if value is None or not is_filled(entry.item, value):
            continue
        answers.append(
            {
                "sleutel": key,
                "nummer": entry.item.number or "",
                "sectie": f"{entry.section.number} {entry.section.title}",
                "vraag": entry.item.label,
                "tekst": answer_text(entry.item, value),
                "waarde": value,
            }
        )
    profile_columns = [swv.code, school.code, school.name, profile.school_year, profile.edition]
    answer_rows = [
        [*profile_columns, a["sectie"], a["nummer"], a["sleutel"], a["vraag"], a["tekst"]]
        for a in answers
    ]
    record = {
        "school": school.code,
        "schoolnaam": school.name,
        "adres": {"straat": school.street, "postcode": school.postcode, "plaats": school.city},
        "gemeente": school.municipality,
        "sector": swv.sector,
        "samenwerkingsverband": swv.code,
        "bestuur": school.board.name,
        "profiel": profile.pk,
        "schooljaar": profile.school_year,
        "versie": profile.edition,
        "formaat": {"id": profile.format_id, "versie": profile.format_version},
        "vastgesteld_op": profile.adopted_on.isoformat() if profile.adopted_on else None,
        "gepubliceerd_op": published or None,
        "niveaus": needs,
        "normuitkomsten": norm_outcomes(profile) if may_read_norm_results(swv, None) else None,
        "antwoorden": answers,
    }
    return record, need_rows, answer_rows


def public_profiles_in_order() -> Iterator[Profile]:
    rows = latest_published_profiles().select_related("summary")
    return rows.order_by("school__swv__code", "school__brin", "school__location").iterator(
        chunk_size=500
    )


def export(storage: Storage, prefix: str = "", now: datetime.datetime | None = None) -> Manifest:
    """Write every open data file and then the manifest (last, so a reader never finds a
    manifest that names files not yet written)."""
    date = timezone.localtime(now or timezone.now()).isoformat(timespec="seconds")
    manifest = Manifest(date)
    with ExitStack() as national_stack:
        national = _Target(national_stack, prefix, "", date)
        current: _Target | None = None
        current_stack = ExitStack()
        for profile in public_profiles_in_order():
            code = profile.school.swv.code
            if current is None or current.swv_code != code:
                if current is not None:
                    current.save(storage, manifest)
                    current_stack.close()
                current_stack = ExitStack()
                current = _Target(current_stack, prefix, code, date)
            prepared = _prepared(profile)
            current.add(prepared)
            national.add(prepared)
        if current is not None:
            current.save(storage, manifest)
            current_stack.close()
        national.save(storage, manifest)
    path = f"{prefix}/{MANIFEST}" if prefix else MANIFEST
    if storage.exists(path):
        storage.delete(path)
    body = json.dumps(manifest.as_dict(), ensure_ascii=False, indent=1).encode("utf-8")
    storage.save(path, File(io.BytesIO(body), name=MANIFEST))
    return manifest


def read_manifest(storage: Storage, prefix: str) -> dict[str, Any] | None:
    path = f"{prefix}/{MANIFEST}"
    if not storage.exists(path):
        return None
    with storage.open(path, "rb") as file:
        data: dict[str, Any] = json.loads(file.read().decode("utf-8"))
    return data
