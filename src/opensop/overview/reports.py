"""The three overview views of an SWV as tables: status, norms and coverage of support.

Everything here reads the stored summaries (see `region.py`); nothing judges answers.
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Callable

from django.urls import reverse

from opensop.formats.definition import SUPPORT_LEVEL_LABELS, SupportLevel
from opensop.formats.norms import Outcome
from opensop.formats.summary import level_of
from opensop.formats.vocabulary import SupportNeed, default_vocabulary
from opensop.overview.region import Region, SchoolRow
from opensop.overview.tables import Cell, Chart, Report, Table
from opensop.profiles.models import State

NO_PROFILE = "geen profiel"
NOT_COMPUTED = "nog niet berekend"
UNKNOWN = "onbekend"


def _date(day: datetime.date | datetime.datetime | None) -> str:
    return day.strftime("%d-%m-%Y") if day is not None else "—"


def filters_applied(region: Region) -> list[tuple[str, str]]:
    f = region.filters
    boards = {s.board_id: s.board_name for s in region.all_schools}
    return [
        ("Samenwerkingsverband", str(region.swv)),
        ("Schooljaar", f.year),
        ("Sector", f.sector or "alle"),
        ("Bestuur", boards.get(f.board_id, "alle") if f.board_id else "alle"),
        ("Gemeente", f.municipality or "alle"),
        ("Peildatum", _date(region.today)),
    ]


def profile_link(row: SchoolRow) -> str:
    if row.profile is None or not row.readable:
        return ""
    return _profile_url().replace("/0/", f"/{row.profile.pk}/")


def profile_cell(row: SchoolRow) -> Cell:
    """The school year of the profile shown, linked when the reader may open it."""
    if row.profile is None:
        return Cell("niet gestart")
    return Cell(row.profile.school_year, link=profile_link(row))


@functools.cache
def _profile_url() -> str:
    return reverse("profile", args=[0])  # one reverse per page, not one per school


# ------------------------------------------------------------------ status


def status_report(region: Region) -> Report:
    table = Table(
        "Status",
        f"Status van het profiel {region.filters.year} per school",
        [
            "School",
            "Brin en vestiging",
            "Bestuur",
            "Gemeente",
            "Profiel",
            "Status",
            "Laatst gewijzigd",
            "Ingevuld (%)",
            "Laatst vastgesteld",
            "Vernieuwing",
        ],
    )
    for row in region.rows:
        table.add(
            row.school.name,
            row.school.code,
            row.school.board_name,
            row.school.municipality or "—",
            *_profile_cells(row),
            _renewal(region, row),
        )
    return Report("status", "Status", filters_applied(region), [table, _status_counts(region)])


def _profile_cells(row: SchoolRow) -> list[Cell | str | int]:
    profile, summary = row.profile, row.summary
    if profile is None:
        return [
            "niet gestart",
            Cell("niet gestart", "state state-none"),
            "—",
            "—",
            _date(row.last_adopted),
        ]
    edition = f" (versie {profile.edition})" if profile.edition > 1 else ""
    return [
        Cell(f"{profile.school_year}{edition}", link=profile_link(row)),
        Cell(profile.state_label, f"state state-{profile.state}"),
        _date(profile.updated_at),
        summary.completeness if summary is not None else NOT_COMPUTED,
        _date(row.last_adopted) if row.last_adopted else "nooit",
    ]


def _renewal(region: Region, row: SchoolRow) -> Cell:
    if row.last_adopted is None:
        return Cell("nooit vastgesteld", "renewal renewal-never")
    if region.overdue(row):
        return Cell("te laat: ouder dan vier jaar", "renewal renewal-late")
    return Cell("op tijd", "renewal renewal-ok")


def _status_counts(region: Region) -> Table:
    rows = region.rows
    states = Counter(r.profile.state for r in rows if r.profile is not None)
    table = Table("Aantallen status", "Aantal scholen per status", ["Wat", "Aantal scholen"])
    table.add("Scholen", len(rows))
    table.add(
        "Niet gestart (geen profiel dit schooljaar)", sum(1 for r in rows if r.profile is None)
    )
    terms = region.terms
    waiting = "ter advies" if terms.old_step else terms.state_label(State.ADVICE)
    table.add(f"Niet afgerond (concept of {waiting})", sum(1 for r in rows if r.unfinished))
    for state in State:
        table.add(f"Status {terms.state_label(state)}", states[state.value])
    table.add("Vaststelling ouder dan vier jaar", sum(1 for r in rows if region.overdue(r)))
    table.add("Nog nooit een profiel vastgesteld", sum(1 for r in rows if r.last_adopted is None))
    return table


# ------------------------------------------------------------------ norms


def norms_report(region: Region) -> Report:
    norms: dict[str, str] = {}
    for definition in region.definitions():
        for norm in definition.norms:
            norms.setdefault(norm.key, norm.title)
    matrix = Table(
        "Normen",
        f"Normen per school, schooljaar {region.filters.year}",
        ["School", *norms.values()],
    )
    totals: dict[str, Counter[str]] = {key: Counter() for key in norms}
    for row in region.rows:
        outcomes = _outcomes(row, list(norms))
        for key, outcome in zip(norms, outcomes, strict=True):
            totals[key][outcome] += 1
        link = profile_link(row)
        matrix.add(row.school.name, *(_outcome_cell(o, link) for o in outcomes))
    columns = [Outcome.VOLDOET, Outcome.VOLDOET_NIET, Outcome.ONVOLLEDIG]
    counts = Table(
        "Totalen normen",
        "Aantal scholen per norm en uitkomst",
        ["Norm", *(o.label for o in columns), NO_PROFILE],
    )
    for key, title in norms.items():
        counts.add(title, *(totals[key][o.value] for o in columns), totals[key][NO_PROFILE])
    report = Report("normen", "Normen", filters_applied(region), [matrix, counts])
    report.charts = [
        Chart(
            "aantal scholen per norm, naar uitkomst",
            counts.caption,
            [o.label for o in columns],
            [(title, [totals[key][o.value] for o in columns]) for key, title in norms.items()],
            ["good", "bad", "partial"],
        )
    ]
    return report


def _outcomes(row: SchoolRow, keys: list[str]) -> list[str]:
    if row.profile is None:
        return [NO_PROFILE] * len(keys)
    summary = row.summary
    if summary is None:
        return [NOT_COMPUTED] * len(keys)
    return [summary.norms.get(key, "n.v.t.") for key in keys]


def _outcome_cell(outcome: str, link: str) -> Cell:
    try:
        label = Outcome(outcome).label
    except ValueError:
        return Cell(outcome, "outcome outcome-none")
    return Cell(label, f"outcome outcome-{outcome}", link)


# ------------------------------------------------------------------ coverage


LEVELS = list(SupportLevel)


def coverage_report(region: Region) -> Report:
    needs = default_vocabulary().needs
    matrix = Table(
        "Dekking",
        f"Niveau van ondersteuning per school en ondersteuningsbehoefte, schooljaar "
        f"{region.filters.year}",
        ["School", *(n.name for n in needs)],
    )
    counts: dict[str, Counter[str]] = {n.code: Counter() for n in needs}
    for row in region.rows:
        cells = [_level_cell(row, n.code) for n in needs]
        for need, cell in zip(needs, cells, strict=True):
            counts[need.code][str(cell.value)] += 1
        matrix.add(row.school.name, *cells)
    threshold = region.swv.coverage_threshold
    summary = Table(
        "Aantallen dekking",
        "Aantal scholen per ondersteuningsbehoefte en niveau, en de gaten in het aanbod",
        [
            "Ondersteuningsbehoefte",
            *(level.label for level in LEVELS),
            UNKNOWN,
            NO_PROFILE,
            "aanwezig of specialistisch",
            f"gat (minder dan {threshold})",
        ],
    )
    findings: list[str] = []
    for need in needs:
        c = counts[need.code]
        offered = c[SupportLevel.AANWEZIG.label] + c[SupportLevel.SPECIALISTISCH.label]
        gap = offered < threshold
        summary.add(
            need.name,
            *(c[level.label] for level in LEVELS),
            c[UNKNOWN] + c[NOT_COMPUTED],
            c[NO_PROFILE],
            offered,
            Cell("ja" if gap else "nee", "gap gap-yes" if gap else "gap gap-no"),
        )
        if gap:
            findings.append(_gap_sentence(need.name, offered))
    report = Report("dekking", "Dekkend aanbod", filters_applied(region), [matrix, summary])
    report.charts = [_coverage_chart(summary.caption, needs, counts)]
    report.findings = findings
    schools = "school" if threshold == 1 else "scholen"
    report.findings_title = f"Gaten in het aanbod (minder dan {threshold} {schools})"
    report.no_findings = (
        f"Geen gaten: elke ondersteuningsbehoefte wordt door minstens {threshold} {schools} "
        "aanwezig of specialistisch geboden."
    )
    return report


def _coverage_chart(
    caption: str, needs: tuple[SupportNeed, ...], counts: dict[str, Counter[str]]
) -> Chart:
    """The levels from high to low: the bar's first part is what the region offers."""
    levels = list(reversed(LEVELS))
    return Chart(
        "aantal scholen per ondersteuningsbehoefte, naar niveau",
        caption,
        [level.label for level in levels],
        [(n.name, [counts[n.code][level.label] for level in levels]) for n in needs],
        ["best", "good", "partial", "bad"],
    )


def _level_cell(row: SchoolRow, code: str) -> Cell:
    if row.profile is None:
        return _NO_PROFILE_LEVEL
    if row.summary is None:
        return _NOT_COMPUTED_LEVEL
    return _stored_level_cell(row.summary.needs.get(code))


_NO_PROFILE_LEVEL = Cell(NO_PROFILE, "level level-none")
_NOT_COMPUTED_LEVEL = Cell(NOT_COMPUTED, "level level-none")


@functools.cache
def _stored_level_cell(stored: str | None) -> Cell:
    """One cell per stored level, shared by the 2,000 cells of 150 schools (cells are
    frozen), instead of a new cell and level lookup for each."""
    level = level_of(stored)
    if level is None:
        return Cell(UNKNOWN, "level level-onbekend")
    return Cell(SUPPORT_LEVEL_LABELS[level], f"level level-{level.code}")


def _gap_sentence(name: str, offered: int) -> str:
    if offered == 0:
        return f"{name}: geen enkele school biedt dit aanwezig of specialistisch."
    schools = "school biedt" if offered == 1 else "scholen bieden"
    return f"{name}: maar {offered} {schools} dit aanwezig of specialistisch."


REPORTS: dict[str, Callable[[Region], Report]] = {
    "status": status_report,
    "normen": norms_report,
    "dekking": coverage_report,
}
