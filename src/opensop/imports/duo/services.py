"""The SWV's proposal of figures from one DUO file to its schools' concepts: one service,
one transaction. (A school taking values over is an answers service:
`workflow.services.take_duo_values`.)"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from opensop.cycle.models import DuoProposal
from opensop.cycle.services import CycleError
from opensop.organisations.models import Swv
from opensop.profiles.models import Profile, State

logger = logging.getLogger(__name__)


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
