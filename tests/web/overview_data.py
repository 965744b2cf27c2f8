"""A hand-checked region for the overview tests: four schools of the region's SWV.

- De Verscheidenheid (Stichting A, Heerlen): 2025-2026 published, meets every norm
  (zuid-limburg-po's 'voldoet' example), adopted a month ago;
- Het Kompas (Stichting A, Heerlen): 2025-2026 concept, half filled in ('onvolledig');
  its last adopted profile is from 2015: renewal is overdue;
- De Mijnlamp (Stichting D, Brunssum): no profile at all;
- Het Lyceum (Stichting D, Brunssum): 2025-2026 ter advies in the other format
  (zuid-kennemerland-vo's 'voldoet-niet' example), never adopted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from lxml import html

from opensop.demo.data import example_answers
from opensop.organisations.models import Board, School
from opensop.overview.services import refresh_summary
from opensop.profiles.models import Profile, State
from tests.formats.conftest import EXAMPLES
from tests.web.conftest import Region

YEAR = "2025-2026"


@dataclass
class HandChecked:
    region: Region
    kompas: School
    mijnlamp: School
    lyceum: School
    published: Profile


def profile(school: School, example: str, state: State, **extra: Any) -> Profile:
    format_id = "zuid-kennemerland-vo" if example.startswith("vo/") else "zuid-limburg-po"
    answers = example_answers(EXAMPLES / format_id / f"{example.removeprefix('vo/')}.yaml")
    fields = {"school_year": YEAR, **extra}
    made = Profile.objects.create(
        school=school, format_id=format_id, format_version=1, state=state, answers=answers, **fields
    )
    refresh_summary(made)
    return made


def hand_checked_region(region: Region) -> HandChecked:
    heerlen, swv = region.school, region.school.swv
    School.objects.filter(pk=heerlen.pk).update(municipality="Heerlen")
    heerlen.refresh_from_db()
    board_d = Board.objects.create(name="Stichting D")
    kompas = School.objects.create(
        brin="99XC", name="Het Kompas", board=heerlen.board, swv=swv, municipality="Heerlen"
    )
    mijnlamp = School.objects.create(
        brin="99XD", name="De Mijnlamp", board=board_d, swv=swv, municipality="Brunssum"
    )
    lyceum = School.objects.create(
        brin="99XE", name="Het Lyceum", board=board_d, swv=swv, municipality="Brunssum"
    )
    today = timezone.localdate()
    published = profile(
        heerlen, "voldoet", State.PUBLISHED, adopted_on=today - datetime.timedelta(days=30)
    )
    profile(
        kompas,
        "voldoet",
        State.PUBLISHED,
        school_year="2015-2016",
        adopted_on=datetime.date(2015, 6, 1),
    )
    profile(kompas, "onvolledig", State.CONCEPT)
    profile(lyceum, "vo/voldoet-niet", State.ADVICE)
    return HandChecked(region, kompas, mijnlamp, lyceum, published)


def table(page: bytes, caption: str) -> list[list[str]]:
    """The rows (header row first) of the table with `caption`, as the text of each cell."""
    tree = html.fromstring(page)
    found = tree.xpath(f'//table[caption[normalize-space()="{caption}"]]')
    assert found, f"no table '{caption}'"
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
        for row in found[0].xpath(".//tr")
    ]


def row(rows: list[list[str]], first: str) -> list[str]:
    return next(r for r in rows if r[0] == first)
