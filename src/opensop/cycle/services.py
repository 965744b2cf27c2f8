"""Setting an SWV's regime and deadline per school year: one service, one transaction."""

from __future__ import annotations

import datetime
import logging
import re

from django.contrib.auth.models import User
from django.db import transaction

from opensop.cycle.models import Regime, RegimeYear
from opensop.organisations.models import Swv
from opensop.refused import Refused

logger = logging.getLogger(__name__)
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


class CycleError(Refused):
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
