"""A checked profile as a readable Dutch report, or as JSON for machines."""

from __future__ import annotations

from typing import Any

from opensop.formats.norms import Outcome
from opensop.formats.profile import ProfileCheck

_OUTCOME_MARK = {
    Outcome.VOLDOET: "[voldoet]",
    Outcome.VOLDOET_NIET: "[VOLDOET NIET]",
    Outcome.ONVOLLEDIG: "[onvolledig]",
}


def render_text(check: ProfileCheck, source: str = "") -> str:
    lines: list[str] = []
    heading = f"Profiel {source}".strip()
    lines.append(heading)
    if check.definition is not None:
        school = check.school.get("name") or check.values.get("school_naam") or ""
        lines.append(
            f"Formaat: {check.definition.title} (versie {check.definition.version})"
            + (f" · school: {school}" if school else "")
            + (f" · schooljaar {check.school_year}" if check.school_year else "")
        )
    lines.append("")
    if check.errors:
        lines.append(f"Fouten ({len(check.errors)}): het profiel is ongeldig.")
        lines.extend(f"  - {p.render()}" for p in check.errors)
        lines.append("")
    if check.definition is None:
        return "\n".join(lines).rstrip() + "\n"
    lines.extend(_completeness(check))
    lines.extend(_norms(check))
    lines.extend(_needs(check))
    lines.append(_verdict(check))
    return "\n".join(lines).rstrip() + "\n"


def _completeness(check: ProfileCheck) -> list[str]:
    if not check.missing:
        lines = ["Volledigheid: alle verplichte vragen zijn ingevuld."]
    else:
        lines = [f"Volledigheid: {len(check.missing)} verplichte vraag/vragen nog open."]
        lines.extend(f"  - {p.where}" for p in check.missing[:15])
        if len(check.missing) > 15:
            lines.append(f"  - … en nog {len(check.missing) - 15}")
    lines.extend(f"  Let op: {p.render()}" for p in check.warnings)
    return [*lines, ""]


def _norms(check: ProfileCheck) -> list[str]:
    if not check.norms:
        return []
    lines = ["Normen van het samenwerkingsverband:"]
    for result in check.norms:
        section = f"{result.norm.section} " if result.norm.section else ""
        lines.append(f"  {_OUTCOME_MARK[result.outcome]} {section}{result.norm.title}")
        lines.append(f"      Norm: {result.norm.statement}")
        if result.norm.interpretation:
            lines.append(f"      Zo lezen we deze norm: {result.norm.interpretation}")
        lines.append(f"      {result.explanation}")
    return [*lines, ""]


def _needs(check: ProfileCheck) -> list[str]:
    lines = ["Ondersteuning per ondersteuningsbehoefte:"]
    for need in check.needs.values():
        best = max(need.reasons, key=lambda r: r.level, default=None)
        unknown = "nog niet ingevuld" if need.asked else "dit formaat vraagt hier niet naar"
        why = f" — {best.text}" if best else f" — {unknown}"
        lines.append(f"  {need.name}: {need.label}{why}")
    return [*lines, ""]


def _verdict(check: ProfileCheck) -> str:
    if not check.valid:
        return "Oordeel: ongeldig; herstel eerst de fouten."
    failing = [r for r in check.norms if r.outcome is Outcome.VOLDOET_NIET]
    open_ = [r for r in check.norms if r.outcome is Outcome.ONVOLLEDIG]
    if not failing and not open_:
        return "Oordeel: geldig en voldoet aan alle normen."
    parts = []
    if failing:
        parts.append(f"{len(failing)} norm(en) niet gehaald")
    if open_:
        parts.append(f"{len(open_)} norm(en) nog niet te beoordelen")
    return "Oordeel: geldig, maar " + " en ".join(parts) + "."


def render_json(check: ProfileCheck, source: str = "") -> dict[str, Any]:
    definition = check.definition
    return {
        "source": source,
        "format": {"id": definition.id, "version": definition.version} if definition else None,
        "school_year": check.school_year,
        "school": check.school,
        "valid": check.valid,
        "complete": check.complete,
        "meets_all_norms": check.meets_all_norms if definition else False,
        "errors": [p.as_dict() for p in check.errors],
        "warnings": [p.as_dict() for p in check.warnings],
        "missing": [p.as_dict() for p in check.missing],
        "computed": check.computed.as_dict(),
        "norms": [r.as_dict() for r in check.norms],
        "support_needs": [n.as_dict() for n in check.needs.values()],
    }
