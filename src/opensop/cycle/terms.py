"""The words for a profile, after the regime of its SWV and school year.

Pages, e-mails and document titles ask here, so a region in the schoolgids regime reads
"ondersteuningsaanbod" and "instemming" where a region in the old regime reads
"schoolondersteuningsprofiel" and "advies", exactly as before.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from opensop.cycle.models import Regime, RegimeYear
from opensop.formats.definition import (
    CouncilRight,
    FormatDefinition,
    ParticipationSettings,
    ParticipationStep,
)
from opensop.organisations.models import Swv
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import format_of


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

    def state_label(self, state: str) -> str:
        """A profile state in these words; the (G)MR's advice keeps its old label."""
        if state == State.ADVICE and self.step != ParticipationStep():
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
