"""A public world for the portal tests: two published schools in two SWVs, and one school
in every state that must never be public (concept, advice, adopted, a school that moved
to another SWV, a published profile whose newer correction is still a concept).

- De Verscheidenheid (99XA, PO 31-06, Heerlen, 6411 AB): published through the workflow
  ('voldoet': hoogbegaafdheid specialistisch, building not accessible); an older
  published profile of 2024-2025 too.
- Maasoever (99XB, PO 31-05, Maastricht): published ('voldoet-niet': hoogbegaafdheid in
  ontwikkeling, building accessible).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from opensop.organisations.models import Board, School
from opensop.portal.services import rebuild_index
from opensop.profiles.models import Profile, State
from tests.web.conftest import Region, zuid_kennemerland
from tests.web.overview_data import profile
from tests.web.test_workflow_steps import bring_to

# Names that must never appear on a public page.
HIDDEN = ["Conceptschool", "Adviesschool", "Vastgesteldschool", "Verhuisdeschool"]


@dataclass
class PublicWorld:
    region: Region
    verscheidenheid: Profile
    older: Profile
    maasoever: Profile
    hidden: dict[str, School]  # name → school without a public profile
    moved_profile: Profile  # published, but made in the SWV its school has left


def public_world(region: Region, concept: Profile) -> PublicWorld:
    School.objects.filter(pk=region.school.pk).update(
        municipality="Heerlen", city="Heerlen", postcode="6411 AB"
    )
    School.objects.filter(pk=region.other_school.pk).update(
        municipality="Maastricht", city="Maastricht"
    )
    region.school.refresh_from_db()
    older = profile(
        region.school,
        "voldoet-niet",
        State.PUBLISHED,
        school_year="2024-2025",
        adopted_on=datetime.date(2024, 11, 1),
    )
    latest = bring_to("published", concept, region)
    maasoever = profile(
        region.other_school, "voldoet-niet", State.PUBLISHED, adopted_on=datetime.date(2025, 9, 1)
    )
    swv = region.school.swv
    board = Board.objects.create(name="Stichting Verborgen")
    hidden: dict[str, School] = {}
    for number, (name, state) in enumerate(
        [
            ("Conceptschool", State.CONCEPT),
            ("Adviesschool", State.ADVICE),
            ("Vastgesteldschool", State.ADOPTED),
        ]
    ):
        school = School.objects.create(
            brin=f"88H{number}", name=name, board=board, swv=swv, municipality="Heerlen"
        )
        profile(school, "voldoet", state, adopted_on=datetime.date(2025, 10, 1))
        hidden[name] = school
    moved = School.objects.create(
        brin="88HM", name="Verhuisdeschool", board=board, swv=swv, municipality="Heerlen"
    )
    moved_profile = profile(moved, "voldoet", State.PUBLISHED, adopted_on=datetime.date(2025, 1, 1))
    secondary = zuid_kennemerland()
    moved.swv = secondary
    moved.save()
    hidden["Verhuisdeschool"] = moved
    # Profiles made outside the workflow (as a bulk load would) get their entries here.
    rebuild_index()
    return PublicWorld(region, latest, older, maasoever, hidden, moved_profile)
