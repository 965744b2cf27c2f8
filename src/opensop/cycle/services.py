"""Setting an SWV's regime and deadline per school year; the SWV's proposal of figures from
one DUO file to its schools' concepts. One service each, one transaction each."""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from opensop.cycle.models import DuoProposal, Regime, RegimeYear
from opensop.organisations.models import Swv
from opensop.profiles.models import Profile, State

logger = logging.getLogger(__name__)
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


class CycleError(Exception):
    """Bad input for the cycle; the message is Dutch and says what and where."""


def check_school_year(text: str) -> str:
    match = SCHOOL_YEAR.match(text.strip())
    if match is None or int(match.group(2)) != int(match.group(1)) + 1:
        raise CycleError(f"Schooljaar ‘{text}’ klopt niet: schrijf het als 2026-2027.")
    return text.strip()


@transaction.atomic
def set_regime_year(
    swv: Swv,
    school_year: str,
    regime: str,
    deadline: datetime.date | None,
    actor: User | None,
) -> RegimeYear:
    """Set (or change) the regime and deadline of `school_year` in `swv`."""
    year = check_school_year(school_year)
    if regime not in Regime.values:
        raise CycleError("Kies een regime: schoolondersteuningsprofiel, schoolgids of beide.")
    if deadline is not None and deadline.year not in (int(year[:4]), int(year[5:])):
        raise CycleError(f"De deadline {deadline:%d-%m-%Y} valt niet in schooljaar {year}.")
    row, _ = RegimeYear.objects.select_for_update().update_or_create(
        swv=swv, school_year=year, defaults={"regime": regime, "deadline": deadline}
    )
    logger.info("Regime of SWV %s in %s set to %s by %s", swv.pk, year, regime, actor)
    return row


@dataclass(frozen=True)
class ProposedFigures:
    """What the SWV proposes to one concept: the values per item, as DUO's file has them."""

    profile_id: int
    values: dict[str, Any]


@transaction.atomic
def propose_duo_values(
    swv: Swv,
    actor: User | None,
    school_year: str,
    proposals: list[ProposedFigures],
    *,
    source_file: str,
    source_date: datetime.date | None,
) -> int:
    """Put the SWV's proposal from one DUO file beside each school's concept: all or
    nothing. A newer proposal replaces one the school has not handled yet. Returns how many
    schools got one."""
    ids = [p.profile_id for p in proposals]
    profiles = {
        p.pk: p
        for p in Profile.objects.select_for_update()
        .select_related("school")
        .filter(pk__in=ids, school__swv=swv, school_year=school_year)
    }
    for proposal in proposals:
        profile = profiles.get(proposal.profile_id)
        if profile is None or profile.state != State.CONCEPT:
            name = profile.school.name if profile is not None else "Een school"
            raise CycleError(
                f"{name}: het profiel voor {school_year} is niet meer in concept. Er is niets "
                "opgeslagen; lees het bestand opnieuw in."
            )
    DuoProposal.objects.filter(profile_id__in=ids, taken_at__isnull=True).delete()
    DuoProposal.objects.bulk_create(
        DuoProposal(
            profile_id=p.profile_id,
            proposed=p.values,
            source_file=source_file[:200],
            source_date=source_date,
            proposed_by=actor,
        )
        for p in proposals
    )
    logger.info(
        "DUO figures from %s proposed to %d schools of SWV %s, %s, by %s",
        source_file,
        len(proposals),
        swv.pk,
        school_year,
        actor,
    )
    return len(proposals)


def open_duo_proposal(profile: Profile) -> DuoProposal | None:
    """The SWV's newest proposal the school has not handled yet."""
    return profile.duo_proposals.filter(taken_at__isnull=True).first()
