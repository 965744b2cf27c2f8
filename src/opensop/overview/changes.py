"""“Wat is er veranderd”: per school, what changed since its previous profile.

The previous profile is the school's latest edition of the latest earlier school year.
Each profile's summary stores its changes since then (overview/stored_changes.py), so the
page reads one row per school and compares nothing: 150 schools cost what 2 do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Max

from opensop.formats.changes import Kind
from opensop.overview.models import ProfileSummary
from opensop.overview.region import Region, SchoolRow, kept
from opensop.overview.reports import filters_applied, profile_cell
from opensop.overview.tables import Cell, Report, Table
from opensop.profiles.models import Profile


@dataclass(frozen=True)
class Stored:
    previous_year: str  # "" when there is no earlier profile
    counts: dict[str, int] | None  # None until computed
    text: str  # one change per line


def _stored(region: Region) -> dict[int, Stored]:
    """The stored changes of each profile shown, by profile (kept in the cache like the
    region's profiles: reading 400 kB of text was a sixth of the page)."""
    shown = [row.profile.pk for row in region.rows if row.profile is not None]

    def read() -> dict[int, Stored]:
        rows = ProfileSummary.objects.filter(profile_id__in=shown).values_list(
            "profile_id", "previous_year", "change_counts", "changes"
        )
        return {pk: Stored(year, counts, text) for pk, year, counts, text in rows}

    return kept(("changes", region.swv.pk, tuple(shown)), region.stamp, read)


def _earlier_years(region: Region) -> dict[int, str]:
    """For schools without a profile this year: the year of their latest earlier one."""
    missing = [row.school.pk for row in region.rows if row.profile is None]
    year = region.filters.year

    def read() -> dict[int, str]:
        rows = (
            Profile.objects.filter(school_id__in=missing, school_year__lt=year)
            .values("school_id")
            .annotate(year=Max("school_year"))
            .order_by()
            .values_list("school_id", "year")
        )
        return dict(rows)

    # Kept like the stored changes: only a profile written changes the earlier years.
    return kept(("earlier", region.swv.pk, year, tuple(missing)), region.stamp, read)


def _key(kind: Kind, better: bool) -> str:
    return f"{kind}{'+' if better else '-'}"  # as formats.changes.tally counts them


COUNTS = [
    (_key(Kind.NORM, True), "Normen nu wel gehaald"),
    (_key(Kind.NORM, False), "Normen niet meer gehaald"),
    (_key(Kind.NEED, True), "Ondersteuningsbehoeften op een hoger niveau"),
    (_key(Kind.NEED, False), "Ondersteuningsbehoeften op een lager niveau"),
    (_key(Kind.OFFER, True), "Aanbod erbij"),
    (_key(Kind.OFFER, False), "Aanbod vervallen"),
    (_key(Kind.SCORE, True), "Scores hoger"),
    (_key(Kind.SCORE, False), "Scores lager"),
]
# The folded list's summary per school: one and more of each kind, in the same order.
SHORT = {
    _key(Kind.NORM, True): ("norm nu wel gehaald", "normen nu wel gehaald"),
    _key(Kind.NORM, False): ("norm niet meer gehaald", "normen niet meer gehaald"),
    _key(Kind.NEED, True): ("ondersteuningsbehoefte hoger", "ondersteuningsbehoeften hoger"),
    _key(Kind.NEED, False): ("ondersteuningsbehoefte lager", "ondersteuningsbehoeften lager"),
    _key(Kind.OFFER, True): ("aanbod erbij", "aanbod erbij"),
    _key(Kind.OFFER, False): ("aanbod vervallen", "aanbod vervallen"),
    _key(Kind.SCORE, True): ("score hoger", "scores hoger"),
    _key(Kind.SCORE, False): ("score lager", "scores lager"),
}


def changes_report(region: Region) -> Report:
    stored, earlier = _stored(region), _earlier_years(region)
    year = region.filters.year
    table = Table(
        "Veranderingen",
        f"Wat er per school veranderd is in {year} ten opzichte van het vorige profiel",
        ["School", "Profiel", "Vorig profiel", "Aantal veranderingen", "Veranderingen"],
    )
    totals: Counter[str] = Counter()
    changed = 0
    for row in region.rows:
        found = stored.get(row.profile.pk) if row.profile is not None else None
        counts = found.counts if found is not None else None
        if counts:
            totals.update(counts)
            changed += 1
        if row.profile is None:
            previous = earlier.get(row.school.pk, "geen")
        else:
            previous = (found.previous_year or "geen") if found is not None else "—"
        table.add(
            row.school.name,
            profile_cell(row),
            previous,
            sum(counts.values()) if counts is not None else "—",
            _describe(row, found),
        )
    totals_table = Table(
        "Aantallen veranderingen",
        "Aantal veranderingen ten opzichte van het vorige profiel",
        ["Wat", "Aantal"],
    )
    totals_table.add("Scholen met veranderingen", changed)
    for key, label in COUNTS:
        totals_table.add(label, totals[key])
    return Report(
        "veranderd", "Wat is er veranderd", filters_applied(region), [table, totals_table]
    )


def _describe(row: SchoolRow, found: Stored | None) -> Cell:
    if row.profile is None:
        return Cell("Geen profiel dit schooljaar.")
    if found is not None and not found.previous_year:
        return Cell("Geen eerder profiel om mee te vergelijken.")
    if found is None or found.counts is None:
        return Cell("Nog niet berekend.")
    if not found.text:
        return Cell("Niets veranderd.")
    counts = found.counts
    summary = ", ".join(
        f"{counts[key]} {SHORT[key][counts[key] > 1]}" for key, _ in COUNTS if counts.get(key)
    )
    return Cell(summary, details=found.text)
