"""“Wat is er veranderd”: per school, what changed since its previous profile.

The previous profile is the school's latest edition of the latest earlier school year.
Both sides come from stored summaries in one query, so 150 schools cost what 2 do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from opensop.formats.changes import Change, Facts, Kind, compare
from opensop.formats.definition import FormatDefinition
from opensop.overview.region import Region, SchoolRow
from opensop.overview.reports import filters_applied, profile_cell
from opensop.overview.tables import Report, Table
from opensop.profiles.models import Profile
from opensop.profiles.registry import registry


@dataclass(frozen=True)
class Compared:
    pk: int
    school_year: str
    definition: FormatDefinition | None
    facts: Facts | None  # None until its summary is stored


FIELDS = (
    "pk",
    "school_id",
    "school_year",
    "format_id",
    "format_version",
    "summary__profile_id",
    "summary__norms",
    "summary__needs",
    "summary__scores",
    "summary__offers",
)


def _profiles(region: Region) -> tuple[dict[int, Compared], dict[int, Compared]]:
    """Per school: the profile shown (by pk) and its previous one, in two queries: first
    which profiles those are (small columns), then only their summaries, so the stored
    facts of every other year and edition are never read and decoded."""
    shown = {r.profile.pk for r in region.rows if r.profile is not None}
    year = region.filters.year
    earlier = (
        Profile.objects.filter(school__swv=region.swv, school_year__lt=year)
        .order_by("school_id", "school_year", "edition")
        .values_list("pk", "school_id")
    )
    previous_pk = {school: pk for pk, school in earlier}  # the last one per school wins
    rows = Profile.objects.filter(pk__in=[*shown, *previous_pk.values()]).values_list(*FIELDS)
    by_pk = {}
    for pk, school, school_year, fid, version, stored, *facts in rows:
        facts_now = Facts(*facts) if stored else None
        by_pk[pk] = (school, Compared(pk, school_year, registry().get(fid, version), facts_now))
    current = {school: compared for pk, (school, compared) in by_pk.items() if pk in shown}
    previous = {school: by_pk[pk][1] for school, pk in previous_pk.items() if pk in by_pk}
    return current, previous


def changes_of(now: Compared | None, before: Compared | None) -> list[Change] | None:
    """The changes, or None when there is nothing to compare (yet)."""
    if now is None or before is None or now.facts is None or before.facts is None:
        return None
    definitions = [d for d in (now.definition, before.definition) if d is not None]
    return compare(before.facts, now.facts, definitions)


COUNTS = [
    (Kind.NORM, True, "Normen nu wel gehaald"),
    (Kind.NORM, False, "Normen niet meer gehaald"),
    (Kind.NEED, True, "Ondersteuningsbehoeften op een hoger niveau"),
    (Kind.NEED, False, "Ondersteuningsbehoeften op een lager niveau"),
    (Kind.OFFER, True, "Aanbod erbij"),
    (Kind.OFFER, False, "Aanbod vervallen"),
    (Kind.SCORE, True, "Scores hoger"),
    (Kind.SCORE, False, "Scores lager"),
]


def changes_report(region: Region) -> Report:
    current, previous = _profiles(region)
    year = region.filters.year
    table = Table(
        "Veranderingen",
        f"Wat er per school veranderd is in {year} ten opzichte van het vorige profiel",
        ["School", "Profiel", "Vorig profiel", "Aantal veranderingen", "Veranderingen"],
    )
    totals: Counter[tuple[Kind, bool]] = Counter()
    schools: Counter[str] = Counter()
    for row in region.rows:
        before = previous.get(row.school.pk)
        changes = changes_of(current.get(row.school.pk), before)
        if changes:
            totals.update((c.kind, c.better) for c in changes)
            schools["changed"] += 1
        table.add(
            row.school.name,
            profile_cell(row),
            before.school_year if before is not None else "geen",
            len(changes) if changes is not None else "—",
            _describe(row, before, changes),
        )
    counts = Table(
        "Aantallen veranderingen",
        "Aantal veranderingen ten opzichte van het vorige profiel",
        ["Wat", "Aantal"],
    )
    counts.add("Scholen met veranderingen", schools["changed"])
    for kind, better, label in COUNTS:
        counts.add(label, totals[(kind, better)])
    return Report("veranderd", "Wat is er veranderd", filters_applied(region), [table, counts])


def _describe(row: SchoolRow, before: Compared | None, changes: list[Change] | None) -> str:
    if row.profile is None:
        return "Geen profiel dit schooljaar."
    if before is None:
        return "Geen eerder profiel om mee te vergelijken."
    if changes is None:
        return "Nog niet berekend."
    if not changes:
        return "Niets veranderd."
    return "; ".join(c.text for c in changes) + "."
