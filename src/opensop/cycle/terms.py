"""The words for a profile, after the regime of its SWV and school year.

Pages, e-mails and document titles ask here, so a region in the schoolgids regime reads
"ondersteuningsaanbod" and "instemming" where a region in the old regime reads
"schoolondersteuningsprofiel" and "advies", exactly as before.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from opensop.cycle.models import Regime, RegimeYear
from opensop.formats.definition import (
    CouncilRight,
    FormatDefinition,
    ParticipationSettings,
    ParticipationStep,
)
from opensop.organisations.models import Swv
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import format_of, registry


@dataclass(frozen=True)
class Terms:
    regime: Regime
    noun: str  # "schoolondersteuningsprofiel" / "ondersteuningsaanbod" / both
    short: str  # "profiel" / "ondersteuningsaanbod": "het profiel is vastgesteld"
    title: str  # the heading of pages and documents, without the school year
    step: ParticipationStep

    @property
    def body(self) -> str:
        return self.step.body_label

    @property
    def consent(self) -> bool:
        return self.step.right == CouncilRight.INSTEMMING

    @property
    def right(self) -> str:
        """The council's right as a noun: "advies" or "instemming"."""
        return self.step.right.value

    @property
    def waiting(self) -> str:
        """The state between concept and adopted, e.g. "ter instemming bij de oudergeleding"."""
        return f"ter {self.right} bij de {self.body}"

    @property
    def old_step(self) -> bool:
        """The SOP's advice of the (G)MR: the words read exactly as before the regimes."""
        return self.step == ParticipationStep()

    @property
    def decision_label(self) -> str:
        """The council's step as a heading: "Advies (G)MR" as before, or e.g.
        "Instemming van de oudergeleding van de MR"."""
        return "Advies (G)MR" if self.old_step else f"{self.right.capitalize()} van de {self.body}"

    def outcome_label(self, outcome_label: str) -> str:
        """A recorded decision as a heading, e.g. "Instemming van de oudergeleding van de MR";
        under the old step "Advies (G)MR", as before."""
        return (
            self.decision_label
            if self.old_step
            else f"{outcome_label.capitalize()} van de {self.body}"
        )

    def state_label(self, state: str) -> str:
        """A profile state in these words; the (G)MR's advice keeps its old label."""
        if state == State.ADVICE and not self.old_step:
            return self.waiting
        return str(State(state).label)


def regime_of(swv_id: int, school_year: str) -> Regime:
    row = RegimeYear.objects.filter(swv_id=swv_id, school_year=school_year).first()
    return Regime(row.regime) if row is not None else Regime.SOP


def deadline_of(swv: Swv, school_year: str) -> datetime.date | None:
    row = RegimeYear.objects.filter(swv=swv, school_year=school_year).first()
    return row.deadline if row is not None else None


def terms_for_year(
    swv_id: int, school_year: str, definition: FormatDefinition | None = None
) -> Terms:
    return _terms(regime_of(swv_id, school_year), definition)


def terms_for(profile: Profile) -> Terms:
    """The words for `profile`; memoised on it, pages ask more than once."""
    cached: Terms | None = getattr(profile, "_opensop_terms", None)
    if cached is None:
        cached = terms_for_year(profile.school.swv_id, profile.school_year, format_of(profile))
        setattr(profile, "_opensop_terms", cached)  # noqa: B010
    return cached


def _terms(regime: Regime, definition: FormatDefinition | None) -> Terms:
    participation = definition.participation if definition is not None else None
    if regime == Regime.SOP:
        step = participation.schoolondersteuningsprofiel if participation else ParticipationStep()
        title = definition.title if definition is not None else "Schoolondersteuningsprofiel"
        return Terms(regime, "schoolondersteuningsprofiel", "profiel", title, step)
    # The schoolgids's consent covers the SOP's advice in a transition year: the stricter step.
    step = participation.schoolgids if participation else ParticipationSettings().schoolgids
    if regime == Regime.SCHOOLGIDS:
        return Terms(
            regime,
            "ondersteuningsaanbod",
            "ondersteuningsaanbod",
            "Ondersteuningsaanbod in de schoolgids",
            step,
        )
    return Terms(
        regime,
        "schoolondersteuningsprofiel en ondersteuningsaanbod",
        "profiel",
        "Schoolondersteuningsprofiel en ondersteuningsaanbod in de schoolgids",
        step,
    )


class ProfileLike(Protocol):
    """A profile or the plain values the overview reads of one."""

    @property
    def school_year(self) -> str: ...
    @property
    def format_id(self) -> str: ...
    @property
    def format_version(self) -> int: ...
    @property
    def state(self) -> str: ...


class TermsBook:
    """The words for many profiles at once (lists, the overview, state changes): the
    regimes of the SWVs read in one query, the words memoised per SWV, year and format,
    so a list of 150 schools costs one query, not one per row."""

    def __init__(self, swv_ids: Iterable[int]) -> None:
        self._swv_ids = set(swv_ids)
        self._read: dict[tuple[int, str], Regime] | None = None  # read on first use
        self._terms: dict[tuple[int, str, str, int], Terms] = {}

    @property
    def _regimes(self) -> dict[tuple[int, str], Regime]:
        if self._read is None:
            rows = RegimeYear.objects.filter(swv_id__in=self._swv_ids).values_list(
                "swv_id", "school_year", "regime"
            )
            self._read = {(swv, year): Regime(regime) for swv, year, regime in rows}
        return self._read

    def terms(self, swv_id: int, school_year: str, format_id: str, format_version: int) -> Terms:
        key = (swv_id, school_year, format_id, format_version)
        if key not in self._terms:
            regime = self._regimes.get((swv_id, school_year), Regime.SOP)
            self._terms[key] = _terms(regime, registry().get(format_id, format_version))
        return self._terms[key]

    def advice_label(self, swv: Swv) -> str:
        """The state between concept and adopted for a filter over all of `swv`'s years: the
        words of each school year it set a regime for ("ter advies bij (G)MR" if none)."""
        labels = [
            self.terms(swv.pk, year, swv.format_id, swv.format_version).state_label(State.ADVICE)
            for (swv_id, year) in sorted(self._regimes)
            if swv_id == swv.pk
        ]
        return " of ".join(dict.fromkeys(labels)) or str(State.ADVICE.label)

    def state_label(self, swv_id: int, profile: ProfileLike, state: str | None = None) -> str:
        """`state` (the profile's own if not given) in the words of `profile`'s regime."""
        terms = self.terms(swv_id, profile.school_year, profile.format_id, profile.format_version)
        return terms.state_label(state if state is not None else profile.state)
