"""The format definition language: what an SWV's profile format looks like as data.

One YAML file describes one version of one format. These pydantic models are the
single source of truth for what a definition may contain; `loader` turns YAML into
them and adds the cross-reference checks a schema cannot express.
"""

from __future__ import annotations

import enum
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from opensop.formats.level_words import WORDS, Audience

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
Key = Annotated[str, Field(pattern=KEY_PATTERN, max_length=64)]
Scalar = bool | int | float | str


class StrictModel(BaseModel):
    """Rejects unknown fields so a typo in a definition is an error, not a silent no-op."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Sector(enum.StrEnum):
    PO = "PO"
    VO = "VO"


class OfferState(enum.StrEnum):
    """State of one offer in an offer checklist (family B's markers)."""

    AANWEZIG = "aanwezig"
    IN_ONTWIKKELING = "in_ontwikkeling"
    DEELS = "deels"
    NIET = "niet"


OFFER_STATE_LABELS: dict[OfferState, str] = {
    OfferState.AANWEZIG: "aanwezig",
    OfferState.IN_ONTWIKKELING: "in ontwikkeling",
    OfferState.DEELS: "deels",
    OfferState.NIET: "niet",
}


class SupportLevel(enum.IntEnum):
    """The shared scale on which every format's support for a need is compared."""

    GEEN = 0
    IN_ONTWIKKELING = 1
    AANWEZIG = 2
    SPECIALISTISCH = 3

    @property
    def label(self) -> str:
        return SUPPORT_LEVEL_LABELS[self]

    @property
    def code(self) -> str:
        return self.name.lower()


# The professionals' words for the levels (formats/level_words.py has every audience's).
SUPPORT_LEVEL_LABELS: dict[SupportLevel, str] = {
    level: WORDS[Audience.PROFESSIONALS][level.code] for level in SupportLevel
}

LevelName = Literal["geen", "in_ontwikkeling", "aanwezig", "specialistisch"]


def level_from_name(name: LevelName) -> SupportLevel:
    return SupportLevel[name.upper()]


# --------------------------------------------------------------------------- conditions


class Condition(StrictModel):
    """When an item is shown: a test on another answer, or a combination of tests."""

    item: Key | None = None
    equals: Scalar | None = None
    one_of: list[Scalar] | None = None
    filled: bool | None = None
    all_of: list[Condition] | None = Field(default=None, alias="all")
    any_of: list[Condition] | None = Field(default=None, alias="any")
    negated: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _exactly_one_form(self) -> Condition:
        tests = [t for t in (self.equals, self.one_of, self.filled) if t is not None]
        combinators = [c for c in (self.all_of, self.any_of, self.negated) if c is not None]
        if self.item is not None and len(tests) == 1 and not combinators:
            return self
        if self.item is None and not tests and len(combinators) == 1:
            return self
        raise ValueError(
            "een voorwaarde is óf 'item' met precies één van 'equals', 'one_of', 'filled', "
            "óf precies één van 'all', 'any', 'not'"
        )

    def referenced_items(self) -> Iterator[str]:
        if self.item is not None:
            yield self.item
        for child in (self.all_of or []) + (self.any_of or []):
            yield from child.referenced_items()
        if self.negated is not None:
            yield from self.negated.referenced_items()


# --------------------------------------------------------------------------- items


class ItemBase(StrictModel):
    key: Key
    label: str = Field(min_length=1)
    number: str | None = None
    help: str | None = None
    required: bool = False
    show_if: Condition | None = None
    # Names under which other sources (filled PDF forms, older documents) know this item.
    aliases: list[str] = Field(default_factory=list)
    # The answer holds personal data (AVG): a named person, or a person's own phone number
    # or e-mail address; not a school's general number or address. Such answers stay in the
    # adopted document, but out of the public API, the open data and the public search, and
    # on public pages only where the school chose so (docs/privacy.md).
    personal: bool = False


class Option(StrictModel):
    value: Key
    label: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class ScaleLevel(StrictModel):
    value: int
    label: str = Field(min_length=1)


class TextItem(ItemBase):
    kind: Literal["text"]
    max_length: int = Field(default=200, gt=0)


class LongTextItem(ItemBase):
    kind: Literal["long_text"]
    max_lines: int | None = Field(default=None, gt=0)
    # Characters per printed line, used to count lines the way the printed form would.
    line_width: int = Field(default=90, gt=10)
    max_length: int = Field(default=20000, gt=0)


class IntegerItem(ItemBase):
    kind: Literal["integer"]
    min: int | None = 0
    max: int | None = None


class DecimalItem(ItemBase):
    kind: Literal["decimal"]
    min: float | None = 0
    max: float | None = None
    decimals: int = Field(default=2, ge=0, le=6)
    unit: str | None = None


class PercentageItem(ItemBase):
    kind: Literal["percentage"]
    decimals: int = Field(default=1, ge=0, le=4)


class DateItem(ItemBase):
    kind: Literal["date"]


class EmailItem(ItemBase):
    kind: Literal["email"]


class PhoneItem(ItemBase):
    kind: Literal["phone"]


class BrinItem(ItemBase):
    kind: Literal["brin"]
    with_location: bool = False


class PostcodeItem(ItemBase):
    kind: Literal["postcode"]


class ChoiceItem(ItemBase):
    kind: Literal["choice"]
    options: list[Option] = Field(min_length=2)


class MultiChoiceItem(ItemBase):
    kind: Literal["multi_choice"]
    options: list[Option] = Field(min_length=1)


class YesNoItem(ItemBase):
    kind: Literal["yes_no"]


class ScaleItem(ItemBase):
    kind: Literal["scale"]
    levels: list[ScaleLevel] = Field(min_length=2)
    reference: str | None = None  # e.g. the inspectorate's own numbering "(1.4)"

    @model_validator(mode="after")
    def _levels_ordered(self) -> ScaleItem:
        values = [level.value for level in self.levels]
        if values != sorted(set(values)):
            raise ValueError("de niveaus van een schaal moeten oplopen en uniek zijn")
        return self

    def level_label(self, value: int) -> str:
        return next((lv.label for lv in self.levels if lv.value == value), str(value))


class Row(StrictModel):
    key: Key
    label: str = Field(min_length=1)
    number: str | None = None
    group: Key | None = None
    aliases: list[str] = Field(default_factory=list)


class GridColumn(StrictModel):
    key: Key
    label: str = Field(min_length=1)
    help: str | None = None
    aliases: list[str] = Field(default_factory=list)


class YesNoGridItem(ItemBase):
    """Fixed rows × yes/no columns, optional rows the school names, and a yes-count per row."""

    kind: Literal["yes_no_grid"]
    rows: list[Row] = Field(min_length=1)
    columns: list[GridColumn] = Field(min_length=1)
    free_rows: int = Field(default=0, ge=0)
    free_row_label: str = "Eigen rij"
    count_label: str = "Aantal scores ja"


class TableColumn(StrictModel):
    key: Key
    label: str = Field(min_length=1)
    type: Literal["integer", "decimal", "percentage"] = "decimal"
    min: float | None = 0
    max: float | None = None
    decimals: int = Field(default=2, ge=0, le=6)


class RowGroup(StrictModel):
    key: Key
    label: str = Field(min_length=1)
    free_rows: int = Field(default=0, ge=0)


class TableItem(ItemBase):
    """Numeric cells in fixed rows (optionally grouped) plus rows the school adds."""

    kind: Literal["table"]
    columns: list[TableColumn] = Field(min_length=1)
    rows: list[Row] = Field(default_factory=list)
    groups: list[RowGroup] = Field(default_factory=list)
    free_rows: int = Field(default=0, ge=0)  # only for tables without groups
    show_totals: bool = True

    def free_row_limit(self, group: str | None) -> int:
        if group is None:
            return self.free_rows
        return next((g.free_rows for g in self.groups if g.key == group), 0)


class CatalogueOffer(StrictModel):
    key: Key
    label: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)


class OfferChecklistItem(ItemBase):
    """The SWV's catalogue of offers with a state each, plus the school's own offers."""

    kind: Literal["offer_checklist"]
    catalogue: list[CatalogueOffer] = Field(min_length=1)
    own_offers: bool = True
    own_offers_label: str = "Eigen aanbod van de school"


AnyRowField = (
    TextItem
    | LongTextItem
    | IntegerItem
    | DecimalItem
    | PercentageItem
    | DateItem
    | ChoiceItem
    | MultiChoiceItem
    | YesNoItem
)
RowFieldItem = Annotated[AnyRowField, Field(discriminator="kind")]


class RepeatingRowsItem(ItemBase):
    kind: Literal["repeating_rows"]
    fields: list[RowFieldItem] = Field(min_length=1)
    min_rows: int = Field(default=0, ge=0)
    max_rows: int = Field(default=20, gt=0)
    row_label: str = "Rij"


class FixedTextItem(ItemBase):
    """Text of the SWV that every profile shows and no school answers (e.g. base support)."""

    kind: Literal["fixed_text"]
    text: str = Field(min_length=1)


AnyItem = (
    TextItem
    | LongTextItem
    | IntegerItem
    | DecimalItem
    | PercentageItem
    | DateItem
    | EmailItem
    | PhoneItem
    | BrinItem
    | PostcodeItem
    | ChoiceItem
    | MultiChoiceItem
    | YesNoItem
    | ScaleItem
    | YesNoGridItem
    | TableItem
    | OfferChecklistItem
    | RepeatingRowsItem
    | FixedTextItem
)
Item = Annotated[AnyItem, Field(discriminator="kind")]

NUMERIC_KINDS = frozenset({"integer", "decimal", "percentage"})


class Section(StrictModel):
    number: str = Field(pattern=r"^\d+(\.\d+)*$")
    title: str = Field(min_length=1)
    text: str | None = None
    items: list[Item] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.sections:
            yield from child.walk()


# --------------------------------------------------------------------------- computed values


class Computed(StrictModel):
    """A value the school does not type: a sum of numeric items or table columns."""

    key: Key
    label: str = Field(min_length=1)
    section: str | None = None
    # References: a numeric item key, or "table_key.column_key" for a column total.
    sum: list[str] = Field(min_length=1)


def _check_placeholders(message: str | None, allowed: set[str]) -> None:
    if message is None:
        return
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
    except ValueError as exc:
        raise ValueError(f"melding heeft een losse accolade: {message!r}") from exc
    unknown = names - allowed
    if unknown:
        raise ValueError(
            f"melding gebruikt onbekende plaatshouder(s) {sorted(unknown)}; "
            f"toegestaan: {', '.join('{' + a + '}' for a in sorted(allowed))}"
        )


class SumEquals(StrictModel):
    kind: Literal["sum_equals"]
    key: Key
    computed: Key
    value: float
    tolerance: float = Field(default=0.0, ge=0)
    message: str | None = None

    @model_validator(mode="after")
    def _placeholders(self) -> SumEquals:
        _check_placeholders(self.message, {"label", "total", "value"})
        return self


class SumAtMost(StrictModel):
    kind: Literal["sum_at_most"]
    key: Key
    computed: Key
    limit: Key  # another computed value
    message: str | None = None

    @model_validator(mode="after")
    def _placeholders(self) -> SumAtMost:
        _check_placeholders(self.message, {"label", "total", "limit_label", "limit"})
        return self


Constraint = Annotated[SumEquals | SumAtMost, Field(discriminator="kind")]


# --------------------------------------------------------------------------- norms


class MinScoreRule(StrictModel):
    kind: Literal["min_score"]
    items: list[Key] = Field(min_length=1)
    min: int


class EqualsRule(StrictModel):
    kind: Literal["equals"]
    items: list[Key] = Field(min_length=1)
    value: Scalar


class FilledRule(StrictModel):
    kind: Literal["filled"]
    items: list[Key] = Field(min_length=1)


class GridAllYesRule(StrictModel):
    kind: Literal["grid_all_yes"]
    item: Key
    rows: list[Key] = Field(min_length=1)


class RowsFilledRule(StrictModel):
    """At least `min_rows` rows of a repeating-rows item with the given fields filled."""

    kind: Literal["rows_filled"]
    item: Key
    fields: list[Key] = Field(min_length=1)
    min_rows: int = Field(default=1, ge=1)


class MinOffersRule(StrictModel):
    """Every listed checklist names at least `min` offers that are present (or partly)."""

    kind: Literal["min_offers"]
    items: list[Key] = Field(min_length=1)
    min: int = Field(default=1, ge=1)


class ConditionalRule(StrictModel):
    """`then` must hold whenever `if_not_met` fails (or whenever `when` holds)."""

    kind: Literal["conditional"]
    if_not_met: SimpleRule | None = None
    when: Condition | None = None
    then: SimpleRule

    @model_validator(mode="after")
    def _one_trigger(self) -> ConditionalRule:
        if (self.if_not_met is None) == (self.when is None):
            raise ValueError(
                "een voorwaardelijke norm heeft precies één van 'if_not_met' en 'when'"
            )
        return self


SimpleRule = Annotated[
    MinScoreRule | EqualsRule | FilledRule | GridAllYesRule | RowsFilledRule | MinOffersRule,
    Field(discriminator="kind"),
]


AnyRule = (
    MinScoreRule
    | EqualsRule
    | FilledRule
    | GridAllYesRule
    | RowsFilledRule
    | MinOffersRule
    | ConditionalRule
)
Rule = Annotated[AnyRule, Field(discriminator="kind")]


class Norm(StrictModel):
    key: Key
    title: str = Field(min_length=1)
    section: str | None = None
    # The norm as the SWV states it, in its own words.
    statement: str = Field(min_length=1)
    # How the format reads an ambiguous statement, and why; shown to every user.
    interpretation: str | None = None
    rule: Rule


# --------------------------------------------------------------------------- support needs

LevelThresholds = dict[int, LevelName]


class GridRowSource(StrictModel):
    kind: Literal["grid_row"]
    need: Key
    item: Key
    row: Key
    # Minimum yes-count → level; the highest threshold reached wins.
    levels: LevelThresholds


class ScoresSource(StrictModel):
    kind: Literal["scores"]
    need: Key
    items: list[Key] = Field(min_length=1)
    # Lowest score among the items → level; the highest threshold reached wins.
    levels: LevelThresholds


class YesNoSource(StrictModel):
    kind: Literal["yes_no"]
    need: Key
    item: Key
    level: LevelName = "aanwezig"


class OffersSource(StrictModel):
    kind: Literal["offers"]
    need: Key
    item: Key
    offers: list[Key] = Field(min_length=1)
    # Offers that, when present, mean specialised support rather than ordinary support.
    specialist: list[Key] = Field(default_factory=list)


class BaseSupportSource(StrictModel):
    """The SWV's base support promises this need at every school of the format."""

    kind: Literal["base"]
    need: Key
    item: Key  # the fixed text that makes the promise
    level: LevelName = "aanwezig"


NeedSource = Annotated[
    GridRowSource | ScoresSource | YesNoSource | OffersSource | BaseSupportSource,
    Field(discriminator="kind"),
]


class SupportNeedMapping(StrictModel):
    # How a partly present offer counts on the shared scale.
    deels_level: LevelName = "aanwezig"
    # Match the school's own offers and free grid rows to needs through the vocabulary.
    match_own_entries: bool = True
    sources: list[NeedSource] = Field(default_factory=list)


# --------------------------------------------------------------------------- versions


class CarryOver(StrictModel):
    """How answers given in an earlier version of this format move into this one."""

    from_version: int = Field(ge=1)
    renamed: dict[Key, Key] = Field(default_factory=dict)
    dropped: list[Key] = Field(default_factory=list)


class SummarySettings(StrictModel):
    """Which answers fill the one-page summary for parents (“SOP in één oogopslag”)."""

    # The school's own summary in plain words (at most 10 lines in both seeds).
    school_text: Key | None = None
    # Answers that name the school's most important extra support, in order of importance.
    extra_support: list[Key] = Field(default_factory=list)
    # Whom parents contact about support: names, phone, e-mail.
    contact: list[Key] = Field(default_factory=list)


class ChapterSettings(StrictModel):
    """Which answers fill the chapter a school puts in its schoolgids (docs/documents.md)."""

    # Answers that name the school's extra support. Empty: every offer checklist of the
    # format, then the summary's `extra_support`.
    extra_support: list[Key] = Field(default_factory=list)
    # Answers in which the school says what it cannot offer. Empty: the chapter has no
    # section on limits (the format does not ask).
    limits: list[Key] = Field(default_factory=list)


class DocumentSettings(StrictModel):
    """How the documents of this format look; chosen by the SWV that owns the format."""

    norms_appendix: bool = True
    summary: SummarySettings = Field(default_factory=SummarySettings)
    chapter: ChapterSettings = Field(default_factory=ChapterSettings)


class CouncilBody(enum.StrEnum):
    """Who takes part in adopting the profile (Wet medezeggenschap op scholen)."""

    MR_OF_GMR = "mr_of_gmr"  # the school's MR, or the GMR where the board has one
    MR = "mr"
    GMR = "gmr"
    OUDERGELEDING = "oudergeleding"  # the parents' section of the MR


COUNCIL_BODY_LABELS: dict[CouncilBody, str] = {
    CouncilBody.MR_OF_GMR: "(G)MR",
    CouncilBody.MR: "MR",
    CouncilBody.GMR: "GMR",
    CouncilBody.OUDERGELEDING: "oudergeleding van de MR",
}


class CouncilRight(enum.StrEnum):
    ADVIES = "advies"
    INSTEMMING = "instemming"


class ParticipationStep(StrictModel):
    """Which council gives what before the board adopts: advice (the board may deviate,
    with reasons) or consent (without it the board cannot adopt)."""

    body: CouncilBody = CouncilBody.MR_OF_GMR
    right: CouncilRight = CouncilRight.ADVIES

    @property
    def body_label(self) -> str:
        return COUNCIL_BODY_LABELS[self.body]


def _schoolgids_step() -> ParticipationStep:
    # The schoolgids needs the consent of the parents' section of the MR (WMS art. 13 and 14);
    # under the bill 36 443 the support offer is part of it.
    return ParticipationStep(body=CouncilBody.OUDERGELEDING, right=CouncilRight.INSTEMMING)


class ParticipationSettings(StrictModel):
    """The participation step per regime; the defaults are the law's, the SOP's as before."""

    schoolondersteuningsprofiel: ParticipationStep = Field(default_factory=ParticipationStep)
    schoolgids: ParticipationStep = Field(default_factory=_schoolgids_step)


class PrefillRule(StrictModel):
    """An item a DUO open-data file proposes a value for (imports/duo/figures.py): the sum
    of `columns` in the school's row, or that sum as a percentage of the column `share_of`;
    for a date item the one column's date (YYYYMMDD). The school confirms or corrects it."""

    item: Key
    columns: list[str] = Field(min_length=1)
    share_of: str | None = None


@dataclass(frozen=True)
class ItemEntry:
    """An item in its place: the section it sits in and its path in the YAML data."""

    item: AnyItem
    section: Section
    data_path: tuple[str | int, ...]

    @property
    def where(self) -> str:
        number = f"{self.item.number} " if self.item.number else ""
        return f"{self.section.number} {self.section.title} › {number}{self.item.label}"


class FormatDefinition(StrictModel):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
    version: int = Field(ge=1)
    title: str = Field(min_length=1)
    sector: Sector
    swv_codes: list[str] = Field(min_length=1)
    description: str | None = None
    sections: list[Section] = Field(min_length=1)
    computed: list[Computed] = Field(default_factory=list)
    constraints: list[Constraint] = Field(default_factory=list)
    norms: list[Norm] = Field(default_factory=list)
    support_needs: SupportNeedMapping = Field(default_factory=SupportNeedMapping)
    carry_over: list[CarryOver] = Field(default_factory=list)
    documents: DocumentSettings = Field(default_factory=DocumentSettings)
    participation: ParticipationSettings = Field(default_factory=ParticipationSettings)
    prefill: list[PrefillRule] = Field(default_factory=list)

    _entries: dict[str, ItemEntry] | None = PrivateAttr(default=None)

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def entries(self) -> dict[str, ItemEntry]:
        """Every item by key, in the format's order (first occurrence wins on duplicates)."""
        if self._entries is None:
            entries: dict[str, ItemEntry] = {}
            for section, path in self.sections_with_paths():
                for index, item in enumerate(section.items):
                    entries.setdefault(item.key, ItemEntry(item, section, (*path, "items", index)))
            self._entries = entries
        return self._entries

    def item(self, key: str) -> AnyItem:
        return self.entries[key].item

    @property
    def personal_keys(self) -> frozenset[str]:
        """The keys of the items whose answers are personal data (`personal: true`)."""
        return frozenset(key for key, entry in self.entries.items() if entry.item.personal)

    def sections_with_paths(self) -> Iterator[tuple[Section, tuple[str | int, ...]]]:
        def walk(
            section: Section, path: tuple[str | int, ...]
        ) -> Iterator[tuple[Section, tuple[str | int, ...]]]:
            yield section, path
            for index, child in enumerate(section.sections):
                yield from walk(child, (*path, "sections", index))

        for index, section in enumerate(self.sections):
            yield from walk(section, ("sections", index))

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()


Condition.model_rebuild()
ConditionalRule.model_rebuild()
Section.model_rebuild()
FormatDefinition.model_rebuild()
