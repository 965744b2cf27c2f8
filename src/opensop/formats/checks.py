"""What a schema cannot check: unique keys and every reference inside a definition.

A format author's typical mistakes (a duplicate key, a norm naming a missing item,
a need that is not in the vocabulary) are found here, each with its place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from opensop.formats import definition as d
from opensop.formats.definition import (
    NUMERIC_KINDS,
    AnyItem,
    ChoiceItem,
    Condition,
    ConditionalRule,
    EqualsRule,
    FilledRule,
    FormatDefinition,
    GridAllYesRule,
    MinOffersRule,
    MinScoreRule,
    MultiChoiceItem,
    OfferChecklistItem,
    RepeatingRowsItem,
    RowsFilledRule,
    ScaleItem,
    TableItem,
    YesNoGridItem,
    YesNoItem,
)
from opensop.formats.source import Path
from opensop.formats.vocabulary import Vocabulary


@dataclass(frozen=True)
class Finding:
    path: Path
    message: str


def check_definition(definition: FormatDefinition, vocabulary: Vocabulary) -> list[Finding]:
    return [
        *_unique_sections(definition),
        *_unique_item_keys(definition),
        *_item_internals(definition),
        *_conditions(definition),
        *_computed_and_constraints(definition),
        *_norms(definition),
        *_support_needs(definition, vocabulary),
        *_carry_over(definition),
        *_documents(definition),
        *_personal(definition),
        *_prefill(definition),
    ]


def _duplicates(values: Iterable[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def _unique_sections(definition: FormatDefinition) -> Iterator[Finding]:
    seen: set[str] = set()
    for section, path in definition.sections_with_paths():
        if section.number in seen:
            yield Finding(
                (*path, "number"), f"sectienummer '{section.number}' komt meer dan eens voor"
            )
        seen.add(section.number)
    for section, path in definition.sections_with_paths():
        for index, child in enumerate(section.sections):
            if not child.number.startswith(section.number + "."):
                yield Finding(
                    (*path, "sections", index, "number"),
                    f"subsectie '{child.number}' hoort genummerd te zijn onder '{section.number}'",
                )


def _unique_item_keys(definition: FormatDefinition) -> Iterator[Finding]:
    seen: dict[str, Path] = {}
    for section, path in definition.sections_with_paths():
        for index, item in enumerate(section.items):
            item_path = (*path, "items", index, "key")
            if item.key in seen:
                yield Finding(
                    item_path,
                    f"sleutel '{item.key}' komt meer dan eens voor "
                    f"(ook in sectie {definition.entries[item.key].section.number})",
                )
            seen[item.key] = item_path
    for index, computed in enumerate(definition.computed):
        if computed.key in seen:
            yield Finding(
                ("computed", index, "key"),
                f"berekende waarde '{computed.key}' heeft dezelfde sleutel als een item",
            )
    for group, label in (("norms", "norm"), ("constraints", "controle")):
        keys: set[str] = set()
        for index, entry in enumerate(getattr(definition, group)):
            if entry.key in keys:
                yield Finding(
                    (group, index, "key"), f"{label} '{entry.key}' komt meer dan eens voor"
                )
            keys.add(entry.key)


def _item_internals(definition: FormatDefinition) -> Iterator[Finding]:
    for key, entry in definition.entries.items():
        path = entry.data_path
        for label, values in _inner_keys(entry.item):
            for duplicate in _duplicates(values):
                yield Finding(path, f"item '{key}': {label} '{duplicate}' komt meer dan eens voor")
        if isinstance(entry.item, TableItem):
            yield from _table_groups(entry.item, path)
        if isinstance(entry.item, RepeatingRowsItem):
            for index, field in enumerate(entry.item.fields):
                if field.show_if is not None:
                    yield Finding(
                        (*path, "fields", index, "show_if"),
                        f"item '{key}': een veld in een rij kan niet verborgen worden (show_if)",
                    )


def _inner_keys(item: AnyItem) -> Iterator[tuple[str, list[str]]]:
    if isinstance(item, ChoiceItem | MultiChoiceItem):
        yield "optie", [o.value for o in item.options]
    if isinstance(item, YesNoGridItem | TableItem):
        yield "rij", [r.key for r in item.rows]
        yield "kolom", [c.key for c in item.columns]
    if isinstance(item, OfferChecklistItem):
        yield "aanbod", [o.key for o in item.catalogue]
    if isinstance(item, RepeatingRowsItem):
        yield "veld", [f.key for f in item.fields]


def _table_groups(item: TableItem, path: Path) -> Iterator[Finding]:
    groups = {g.key for g in item.groups}
    for index, row in enumerate(item.rows):
        if row.group is not None and row.group not in groups:
            yield Finding(
                (*path, "rows", index, "group"),
                f"item '{item.key}': rij '{row.key}' noemt onbekende groep '{row.group}'",
            )
        if row.group is None and groups:
            yield Finding(
                (*path, "rows", index),
                f"item '{item.key}': rij '{row.key}' mist een groep (de tabel heeft groepen)",
            )
    if groups and item.free_rows:
        yield Finding(
            (*path, "free_rows"),
            f"item '{item.key}': geef vrije rijen per groep op (groups[].free_rows)",
        )


def _conditions(definition: FormatDefinition) -> Iterator[Finding]:
    for key, entry in definition.entries.items():
        if entry.item.show_if is None:
            continue
        path = (*entry.data_path, "show_if")
        for message in _condition_problems(entry.item.show_if, definition):
            yield Finding(path, f"item '{key}': {message}")
        if key in set(entry.item.show_if.referenced_items()):
            yield Finding(path, f"item '{key}' kan niet van zichzelf afhangen")


def _condition_problems(condition: Condition, definition: FormatDefinition) -> Iterator[str]:
    for child in [*(condition.all_of or []), *(condition.any_of or [])]:
        yield from _condition_problems(child, definition)
    if condition.negated is not None:
        yield from _condition_problems(condition.negated, definition)
    if condition.item is None:
        return
    if condition.item not in definition.entries:
        yield f"voorwaarde noemt onbekend item '{condition.item}'"
        return
    expected = [condition.equals] if condition.equals is not None else condition.one_of or []
    for value in expected:
        yield from _value_fits(definition.item(condition.item), value)


def _numeric_reference(reference: str, definition: FormatDefinition) -> str | None:
    """Why `reference` is not a number the format can sum, or None when it is."""
    item_key, _, column = reference.partition(".")
    if item_key not in definition.entries:
        return f"onbekend item '{item_key}'"
    item = definition.item(item_key)
    if column:
        if not isinstance(item, TableItem):
            return f"'{item_key}' is geen tabel"
        if column not in {c.key for c in item.columns}:
            return f"tabel '{item_key}' heeft geen kolom '{column}'"
        return None
    if item.kind not in NUMERIC_KINDS:
        return f"'{item_key}' is geen getal"
    return None


def _computed_and_constraints(definition: FormatDefinition) -> Iterator[Finding]:
    sections = {s.number for s in definition.all_sections()}
    for index, computed in enumerate(definition.computed):
        if computed.section is not None and computed.section not in sections:
            yield Finding(
                ("computed", index, "section"),
                f"berekende waarde '{computed.key}' noemt onbekende sectie '{computed.section}'",
            )
        for ref_index, reference in enumerate(computed.sum):
            problem = _numeric_reference(reference, definition)
            if problem:
                yield Finding(
                    ("computed", index, "sum", ref_index),
                    f"berekende waarde '{computed.key}': {problem}",
                )
    computed_keys = {c.key for c in definition.computed}
    for index, constraint in enumerate(definition.constraints):
        names = [("computed", constraint.computed)]
        if constraint.kind == "sum_at_most":
            names.append(("limit", constraint.limit))
        for field, name in names:
            if name not in computed_keys:
                yield Finding(
                    ("constraints", index, field),
                    f"controle '{constraint.key}' noemt onbekende berekende waarde '{name}'",
                )


def _norms(definition: FormatDefinition) -> Iterator[Finding]:
    sections = {s.number for s in definition.all_sections()}
    for index, norm in enumerate(definition.norms):
        path: Path = ("norms", index)
        if norm.section is not None and norm.section not in sections:
            yield Finding((*path, "section"), f"norm '{norm.key}' noemt onbekende sectie")
        rules = [(norm.rule, (*path, "rule"))]
        if isinstance(norm.rule, ConditionalRule):
            rule_path = (*path, "rule")
            rules = [(norm.rule.then, (*rule_path, "then"))]
            if norm.rule.if_not_met is not None:
                rules.append((norm.rule.if_not_met, (*rule_path, "if_not_met")))
            if norm.rule.when is not None:
                for message in _condition_problems(norm.rule.when, definition):
                    yield Finding((*rule_path, "when"), f"norm '{norm.key}': {message}")
        for rule, rule_path in rules:
            for message in _rule_problems(rule, definition):
                yield Finding(rule_path, f"norm '{norm.key}': {message}")


def _rule_problems(rule: object, definition: FormatDefinition) -> Iterator[str]:
    entries = definition.entries
    if isinstance(rule, MinScoreRule):
        for key in rule.items:
            item = entries[key].item if key in entries else None
            if item is None:
                yield f"onbekend item '{key}'"
            elif not isinstance(item, ScaleItem):
                yield f"'{key}' is geen schaal, dus heeft geen score"
            elif not any(level.value == rule.min for level in item.levels):
                yield f"minimum {rule.min} is geen niveau van de schaal '{key}'"
    elif isinstance(rule, EqualsRule | FilledRule):
        for key in rule.items:
            if key not in entries:
                yield f"onbekend item '{key}'"
            elif isinstance(rule, EqualsRule):
                yield from _value_fits(entries[key].item, rule.value)
    elif isinstance(rule, GridAllYesRule):
        yield from _kind_and_members(rule.item, YesNoGridItem, "rows", rule.rows, definition)
    elif isinstance(rule, RowsFilledRule):
        yield from _kind_and_members(
            rule.item, RepeatingRowsItem, "fields", rule.fields, definition
        )
    elif isinstance(rule, MinOffersRule):
        for key in rule.items:
            yield from _kind_and_members(key, OfferChecklistItem, None, [], definition)


def _value_fits(item: AnyItem, value: object) -> Iterator[str]:
    """Whether `value` could ever be the answer to `item` (for conditions and equals-norms)."""
    if isinstance(item, YesNoItem) and not isinstance(value, bool):
        yield f"'{item.key}' is ja/nee; de waarde moet true of false zijn"
    elif isinstance(item, ChoiceItem | MultiChoiceItem) and value not in {
        o.value for o in item.options
    }:
        yield f"'{value}' is geen optie van '{item.key}'"
    elif item.kind in NUMERIC_KINDS | {"scale"} and (
        isinstance(value, bool) or not isinstance(value, int | float)
    ):
        yield f"'{item.key}' is een getal; '{value}' kan nooit het antwoord zijn"


_KIND_NAMES: dict[type, str] = {
    YesNoGridItem: "ja/nee-tabel (yes_no_grid)",
    RepeatingRowsItem: "herhalende rijen (repeating_rows)",
    OfferChecklistItem: "aanbodlijst (offer_checklist)",
    TableItem: "tabel (table)",
}
_MEMBER_NAMES = {"rows": "rij", "fields": "veld", "offers": "aanbod"}


def _members(item: AnyItem, attribute: str) -> set[str]:
    if attribute == "rows" and isinstance(item, YesNoGridItem):
        return {r.key for r in item.rows}
    if attribute == "fields" and isinstance(item, RepeatingRowsItem):
        return {f.key for f in item.fields}
    if attribute == "offers" and isinstance(item, OfferChecklistItem):
        return {o.key for o in item.catalogue}
    return set()


def _kind_and_members(
    key: str,
    kind: type,
    attribute: str | None,
    wanted: Iterable[str],
    definition: FormatDefinition,
) -> Iterator[str]:
    if key not in definition.entries:
        yield f"onbekend item '{key}'"
        return
    item = definition.item(key)
    if not isinstance(item, kind):
        yield f"'{key}' is geen {_KIND_NAMES[kind]}"
        return
    if attribute is None:
        return
    known = _members(item, attribute)
    for member in wanted:
        if member not in known:
            yield f"'{key}' heeft geen {_MEMBER_NAMES[attribute]} '{member}'"


def _support_needs(definition: FormatDefinition, vocabulary: Vocabulary) -> Iterator[Finding]:
    for index, source in enumerate(definition.support_needs.sources):
        path: Path = ("support_needs", "sources", index)
        if source.need not in vocabulary.codes:
            yield Finding(
                (*path, "need"),
                f"'{source.need}' staat niet in de lijst van ondersteuningsbehoeften",
            )
        for message in _source_problems(source, definition):
            yield Finding(path, f"ondersteuningsbehoefte '{source.need}': {message}")


def _source_problems(source: object, definition: FormatDefinition) -> Iterator[str]:
    if isinstance(source, d.GridRowSource):
        yield from _kind_and_members(source.item, YesNoGridItem, "rows", [source.row], definition)
    elif isinstance(source, d.ScoresSource):
        for key in source.items:
            if key not in definition.entries:
                yield f"onbekend item '{key}'"
            elif not isinstance(definition.item(key), ScaleItem):
                yield f"'{key}' is geen schaal, dus heeft geen score"
    elif isinstance(source, d.YesNoSource):
        if source.item not in definition.entries:
            yield f"onbekend item '{source.item}'"
        elif not isinstance(definition.item(source.item), YesNoItem):
            yield f"'{source.item}' is geen ja/nee-vraag"
    elif isinstance(source, d.OffersSource):
        wanted = [*source.offers, *source.specialist]
        yield from _kind_and_members(source.item, OfferChecklistItem, "offers", wanted, definition)
    elif isinstance(source, d.BaseSupportSource):
        if source.item not in definition.entries:
            yield f"onbekend item '{source.item}'"
        elif definition.item(source.item).kind != "fixed_text":
            yield f"'{source.item}' is geen vaste tekst (fixed_text)"


def _carry_over(definition: FormatDefinition) -> Iterator[Finding]:
    for index, rule in enumerate(definition.carry_over):
        if rule.from_version >= definition.version:
            yield Finding(
                ("carry_over", index, "from_version"),
                f"overname kan alleen uit een eerdere versie dan {definition.version}",
            )
        for old, new in rule.renamed.items():
            if new not in definition.entries:
                yield Finding(
                    ("carry_over", index, "renamed", old),
                    f"'{old}' wordt hernoemd naar onbekend item '{new}'",
                )


PREFILLABLE = {"integer", "decimal", "percentage", "date"}


def _prefill(definition: FormatDefinition) -> Iterator[Finding]:
    for index, rule in enumerate(definition.prefill):
        entry = definition.entries.get(rule.item)
        if entry is None:
            yield Finding(("prefill", index, "item"), f"onbekend item '{rule.item}'")
            continue
        kind = str(getattr(entry.item, "kind", ""))
        if kind not in PREFILLABLE:
            yield Finding(
                ("prefill", index, "item"),
                f"item '{rule.item}' is een {kind}; uit DUO komen alleen getallen, "
                "percentages en datums",
            )
        elif kind == "date" and (len(rule.columns) != 1 or rule.share_of):
            yield Finding(("prefill", index), "een datum komt uit precies één kolom")


def _documents(definition: FormatDefinition) -> Iterator[Finding]:
    summary = definition.documents.summary
    references: list[tuple[Path, str]] = [
        (("documents", "summary", "extra_support", i), key)
        for i, key in enumerate(summary.extra_support)
    ]
    references += [
        (("documents", "summary", "contact", i), key) for i, key in enumerate(summary.contact)
    ]
    if summary.school_text is not None:
        references.append((("documents", "summary", "school_text"), summary.school_text))
    chapter = definition.documents.chapter
    references += [
        (("documents", "chapter", field, i), key)
        for field in ("extra_support", "limits")
        for i, key in enumerate(getattr(chapter, field))
    ]
    for path, key in references:
        if key not in definition.entries:
            yield Finding(path, f"onbekend item '{key}'")
        elif definition.item(key).kind == "fixed_text":
            yield Finding(path, f"'{key}' is een vaste tekst; de school vult die niet in")


def _personal(definition: FormatDefinition) -> Iterator[Finding]:
    """`personal: true` only where it can be kept out of public data, and no personal item
    in a part of a document that every reader sees (only the summary's contact may name a
    person, and only where the school chooses so: docs/privacy.md)."""
    for key, entry in definition.entries.items():
        item = entry.item
        if item.personal and item.kind == "fixed_text":
            yield Finding(
                (*entry.data_path, "personal"),
                f"item '{key}' is een vaste tekst van het samenwerkingsverband, geen antwoord "
                "van de school: laat 'personal' weg",
            )
        if isinstance(item, RepeatingRowsItem):
            for index, field in enumerate(item.fields):
                if field.personal:
                    yield Finding(
                        (*entry.data_path, "fields", index, "personal"),
                        f"item '{key}': een veld in een rij kan niet apart een persoonsgegeven "
                        "zijn; zet 'personal: true' op het hele item",
                    )
    personal = definition.personal_keys
    summary, chapter = definition.documents.summary, definition.documents.chapter
    shown: list[tuple[Path, str]] = [
        (("documents", "summary", "extra_support", i), key)
        for i, key in enumerate(summary.extra_support)
    ]
    if summary.school_text is not None:
        shown.append((("documents", "summary", "school_text"), summary.school_text))
    shown += [
        (("documents", "chapter", field, i), key)
        for field in ("extra_support", "limits")
        for i, key in enumerate(getattr(chapter, field))
    ]
    for path, key in shown:
        if key in personal:
            yield Finding(
                path,
                f"'{key}' is een persoonsgegeven (personal: true); dat hoort niet in een tekst "
                "die elke lezer ziet (alleen onder 'contact', en dan alleen als de school dat "
                "kiest)",
            )
