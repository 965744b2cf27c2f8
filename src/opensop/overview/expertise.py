"""“Deskundigheid en netwerk”: the section 3.4 tables of seed 000, summed over the SWV.

FTE per role and level, the care-hub partners schools work with, and the network
partners with who pays. Read from stored summaries in one query, however many schools.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from opensop.formats.definition import FormatDefinition
from opensop.formats.expertise import (
    OWN,
    Expertise,
    asks_expertise,
    fte_rows,
    hub_columns,
    network_options,
)
from opensop.overview.models import ProfileSummary
from opensop.overview.region import Region, SchoolRow, kept
from opensop.overview.reports import filters_applied, profile_cell
from opensop.overview.tables import Report, Table
from opensop.profiles.registry import registry


def _stored(region: Region) -> dict[int, Expertise]:
    """Per profile shown, its stored expertise: one query, kept in the cache like the
    region's profiles (reading and decoding 150 summaries' JSON was a fifth of the page)."""
    shown = [r.profile.pk for r in region.rows if r.profile is not None]

    def read() -> dict[int, Expertise]:
        rows = ProfileSummary.objects.filter(profile_id__in=shown).values_list(
            "profile_id", "expertise"
        )
        return {pk: Expertise.from_dict(data) for pk, data in rows}

    return kept(("expertise", region.swv.pk, tuple(shown)), region.stamp, read)


def _facts(row: SchoolRow, stored: dict[int, Expertise]) -> Expertise | None:
    """The school's expertise; None without a profile or when its format does not ask."""
    if row.profile is None:
        return None
    definition = registry().get(row.profile.format_id, row.profile.format_version)
    if definition is None or not asks_expertise(definition):
        return None
    return stored.get(row.profile.pk, Expertise())


class _Labels:
    """Names of levels, roles, partners and payers from every format shown."""

    def __init__(self, definitions: list[FormatDefinition]) -> None:
        self.groups: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.partners: dict[str, str] = {}
        self.payers: dict[str, str] = {}
        self.hub: dict[str, tuple[str, str]] = {}
        for definition in reversed(definitions):  # the SWV's own format wins
            groups, roles = fte_rows(definition)
            partners, payers = network_options(definition)
            self.groups |= groups
            self.roles |= roles
            self.partners |= partners
            self.payers |= payers
            self.hub |= {key: (label, kind) for key, label, kind in hub_columns(definition)}

    def role(self, key: str) -> tuple[str, str]:
        group, _, role = key.partition("/")
        name = role.removeprefix(OWN) if role.startswith(OWN) else self.roles.get(role, role)
        return self.groups.get(group, group or "—"), name


def expertise_report(region: Region) -> Report:
    stored = _stored(region)
    labels = _Labels(region.definitions())
    per_school = Table(
        "Deskundigheid per school",
        f"Deskundigheid en netwerk per school, schooljaar {region.filters.year}",
        [
            "School",
            "Profiel",
            "FTE binnen de school",
            "Knooppunt: partners met ja",
            "Netwerkafspraken",
            "Netwerkpartners",
        ],
    )
    fte: dict[str, float] = defaultdict(float)
    fte_schools: Counter[str] = Counter()
    hub: Counter[str] = Counter()
    network: Counter[str] = Counter()
    network_schools: Counter[str] = Counter()
    paid: dict[str, Counter[str]] = defaultdict(Counter)
    asked = 0
    for row in region.rows:
        facts = _facts(row, stored)
        if facts is None:
            gap = "geen profiel" if row.profile is None else "niet gevraagd"
            per_school.add(row.school.name, profile_cell(row), "—", "—", "—", gap)
            continue
        asked += 1
        for key, value in facts.fte.items():
            fte[key] += value
            fte_schools[key] += 1 if value else 0
        hub.update(key for key, yes in facts.hub.items() if yes)
        for partner, payers in facts.network:
            network[partner] += 1
            paid[partner].update(payers)
        network_schools.update({partner for partner, _ in facts.network})
        names = sorted({labels.partners.get(p, p) for p, _ in facts.network})
        per_school.add(
            row.school.name,
            profile_cell(row),
            round(float(sum(facts.fte.values())), 1),
            sum(1 for yes in facts.hub.values() if yes),
            len(facts.network),
            ", ".join(names) or "geen",
        )
    tables = [
        per_school,
        _fte_table(fte, fte_schools, labels),
        _hub_table(hub, asked, labels),
        _network_table(network, network_schools, paid, labels),
    ]
    report = Report("deskundigheid", "Deskundigheid en netwerk", filters_applied(region), tables)
    report.findings = [
        f"{asked} van de {len(region.rows)} scholen hebben een profiel dat naar deskundigheid "
        "en netwerk vraagt; de tabellen tellen alleen die scholen."
    ]
    return report


def _fte_table(fte: dict[str, float], schools: Counter[str], labels: _Labels) -> Table:
    table = Table(
        "FTE per rol en niveau",
        "FTE binnen de scholen per niveau van ondersteuning en rol, opgeteld",
        ["Niveau", "Rol", "FTE", "Aantal scholen"],
    )
    for key in sorted(fte, key=lambda k: (k.partition("/")[0], k)):
        level, role = labels.role(key)
        table.add(level, role, round(fte[key], 1), schools[key])
    table.add("Totaal", "", round(float(sum(fte.values())), 1), "")
    return table


def _hub_table(hub: Counter[str], asked: int, labels: _Labels) -> Table:
    table = Table(
        "Knooppunt",
        "Knooppunt zorg in en om school: aantal scholen per deelnemer",
        ["Deelnemer", "Deelname", "Aantal scholen ja", "Aantal scholen niet ja"],
    )
    for key, (label, kind) in labels.hub.items():
        table.add(label, kind, hub[key], asked - hub[key])
    return table


def _network_table(
    network: Counter[str],
    schools: Counter[str],
    paid: dict[str, Counter[str]],
    labels: _Labels,
) -> Table:
    payers = list(labels.payers.items())
    table = Table(
        "Netwerkpartners",
        "Netwerkpartners: aantal afspraken en wie betaalt",
        [
            "Ketenpartner",
            "Aantal scholen",
            "Aantal afspraken",
            *(f"Betaald uit {label}" for _, label in payers),
        ],
    )
    for partner, label in labels.partners.items():
        table.add(
            label,
            schools[partner],
            network[partner],
            *(paid[partner][value] for value, _ in payers),
        )
    return table
