"""A synthetic national data set for the benchmarks (and a few tests): SWVs, boards, schools
and several school years of profiles in both built-in formats, with their summaries.

A benchmark tool, not part of the application: run it with the web app's database settings,

    python bench/national_dataset.py [--schools 7500] [--swvs 150] [--years 4] [--seed 7]

or call `create()` from a benchmark or test that has set Django up.

Answers are variants of the example profiles: scores, yes/no answers, offer states and
grid cells changed at random, and a share of them left half filled in. Checking every
profile would take minutes, so a pool of variants is checked once and shared.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import django

if __name__ == "__main__":  # run as a script: Django first, then the models
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensop.settings")
    django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from opensop.formats.changes import Facts  # noqa: E402
from opensop.formats.definition import (  # noqa: E402
    FormatDefinition,
    OfferChecklistItem,
    OfferState,
    ScaleItem,
    YesNoGridItem,
    YesNoItem,
)
from opensop.formats.profile import evaluate_answers  # noqa: E402
from opensop.formats.source import load_yaml  # noqa: E402
from opensop.formats.summary import Summary, summarise  # noqa: E402
from opensop.organisations.models import Board, School, Swv  # noqa: E402
from opensop.overview.models import ProfileSummary  # noqa: E402
from opensop.overview.stored_changes import Side, stored_fields  # noqa: E402
from opensop.profiles.models import Profile, State  # noqa: E402
from opensop.profiles.registry import registry  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FORMATS = {"PO": "zuid-limburg-po", "VO": "zuid-kennemerland-vo"}
CODE_PREFIX = "SYN"
VARIANTS = 40
STALE_SHARE = 0.03  # schools whose last profile was adopted more than four years ago
# The current year: many schools are still busy. Earlier years: nearly all finished.
CURRENT_STATES = [
    (None, 12),
    (State.CONCEPT, 33),
    (State.ADVICE, 15),
    (State.ADOPTED, 12),
    (State.PUBLISHED, 28),
]
EARLIER_STATES = [(None, 8), (State.CONCEPT, 4), (State.ADOPTED, 18), (State.PUBLISHED, 70)]
OFFER_STATES = [
    (OfferState.AANWEZIG, 50),
    (OfferState.IN_ONTWIKKELING, 20),
    (OfferState.DEELS, 15),
    (OfferState.NIET, 15),
]


@dataclass(frozen=True)
class Variant:
    answers: dict[str, Any]
    summary: Summary


@dataclass(frozen=True)
class Counts:
    swvs: int
    schools: int
    profiles: int


def school_years(count: int, today: datetime.date) -> list[str]:
    last = today.year if today.month >= 8 else today.year - 1
    return [f"{y}-{y + 1}" for y in range(last - count + 1, last + 1)]


def _weighted(rng: random.Random, pairs: list[tuple[Any, int]]) -> Any:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _example(format_id: str, name: str) -> dict[str, Any]:
    data, _ = load_yaml((EXAMPLES / format_id / f"{name}.yaml").read_text("utf-8"))
    answers: dict[str, Any] = data["answers"]
    return answers


def variants(definition: FormatDefinition, rng: random.Random) -> list[Variant]:
    bases = [_example(definition.id, "voldoet"), _example(definition.id, "voldoet-niet")]
    pool = []
    for index in range(VARIANTS):
        answers = _mutated(definition, rng.choice(bases), rng)
        if index % 5 == 4:  # one in five is half filled in
            answers = {k: v for k, v in answers.items() if rng.random() > 0.4}
        pool.append(Variant(answers, summarise(evaluate_answers(definition, answers))))
    return pool


def _mutated(
    definition: FormatDefinition, base: dict[str, Any], rng: random.Random
) -> dict[str, Any]:
    answers = copy.deepcopy(base)
    for key, entry in definition.entries.items():
        item, value = entry.item, answers.get(key)
        if value is None:
            continue
        if isinstance(item, ScaleItem) and rng.random() < 0.5:
            levels = [level.value for level in item.levels]
            answers[key] = rng.choices(levels, weights=range(1, len(levels) + 1))[0]
        elif isinstance(item, YesNoItem) and rng.random() < 0.25:
            answers[key] = not value
        elif isinstance(item, OfferChecklistItem):
            offers = value.get("offers", {})
            for offer in offers:
                if rng.random() < 0.4:
                    offers[offer] = _weighted(rng, OFFER_STATES).value
        elif isinstance(item, YesNoGridItem):
            for cells in value.get("rows", {}).values():
                for column in cells:
                    if rng.random() < 0.2:
                        cells[column] = not cells[column]
    return answers


def _sizes(schools: int, swvs: int, rng: random.Random) -> list[int]:
    """The first SWV has 2 % of the schools (150 of 7,500); the rest share what is left."""
    first = max(1, round(schools * 0.02)) if swvs > 1 else schools
    rest = schools - first
    weights = [rng.uniform(0.6, 1.4) for _ in range(swvs - 1)]
    sizes = [int(rest * w / sum(weights)) for w in weights]
    if sizes:
        sizes[-1] += rest - sum(sizes)
    return [first, *sizes]


def _brin(number: int) -> tuple[str, str]:
    letters = number % 676
    return (
        f"{number // 676 % 100:02d}{chr(65 + letters // 26)}{chr(65 + letters % 26)}",
        f"{90 + number // 67600:02d}",  # locations 90+: never a real school's 00
    )


@transaction.atomic
def generate(schools: int, swvs: int, years: int, today: datetime.date, seed: int = 7) -> Counts:
    rng = random.Random(seed)  # noqa: S311 - made-up data, repeatable by seed
    pools = {sector: variants(_definition(fid), rng) for sector, fid in FORMATS.items()}
    made_swvs = Swv.objects.bulk_create(
        Swv(
            code=f"{CODE_PREFIX} {'PO' if i % 2 == 0 else 'VO'} {i + 1:03d}",
            name=f"Synthetisch samenwerkingsverband {i + 1}",
            sector="PO" if i % 2 == 0 else "VO",
            format_id=FORMATS["PO" if i % 2 == 0 else "VO"],
            format_version=1,
        )
        for i in range(swvs)
    )
    sizes = _sizes(schools, swvs, rng)
    # Boards are regional: about one per eight schools, each within one SWV.
    planned = [
        (swv.pk, Board(name=f"Synthetische stichting {swv.pk}-{n + 1}"))
        for swv, size in zip(made_swvs, sizes, strict=True)
        for n in range(max(1, size // 8))
    ]
    Board.objects.bulk_create([board for _, board in planned])
    boards_of: dict[int, list[Board]] = defaultdict(list)
    for swv_pk, board in planned:
        boards_of[swv_pk].append(board)
    made_schools: list[School] = []
    for swv, size in zip(made_swvs, sizes, strict=True):
        for _ in range(size):
            brin, location = _brin(len(made_schools))
            made_schools.append(
                School(
                    brin=brin,
                    location=location,
                    name=f"Synthetische school {len(made_schools) + 1}",
                    municipality=f"Gemeente {swv.pk}-{rng.randint(1, 5)}",
                    board=rng.choice(boards_of[swv.pk]),
                    swv=swv,
                )
            )
    School.objects.bulk_create(made_schools, batch_size=1000)
    by_swv = {s.pk: s for s in made_swvs}
    count = _profiles(made_schools, by_swv, pools, school_years(years, today), rng)
    return Counts(len(made_swvs), len(made_schools), count)


def _definition(format_id: str) -> FormatDefinition:
    definition = registry().get(format_id, 1)
    assert definition is not None
    return definition


def _profiles(
    schools: list[School],
    swvs: dict[int, Swv],
    pools: dict[str, list[Variant]],
    years: list[str],
    rng: random.Random,
) -> int:
    count = 0
    compared: dict[tuple[int, int], dict[str, Any]] = {}
    for start in range(0, len(schools), 500):
        profiles: list[Profile] = []
        summaries: list[Summary] = []
        changes: list[dict[str, Any]] = []
        for school in schools[start : start + 500]:
            sector = swvs[school.swv_id].sector
            before: tuple[str, Variant] | None = None
            for year, state in _history(years, rng):
                variant = rng.choice(pools[sector])
                profiles.append(_profile(school, sector, year, state, variant, rng=rng))
                summaries.append(variant.summary)
                changes.append(_changes(before, variant, _definition(FORMATS[sector]), compared))
                before = (year, variant)
        Profile.objects.bulk_create(profiles)
        ProfileSummary.objects.bulk_create(
            ProfileSummary(
                profile=p,
                norms=s.norms,
                needs=s.needs,
                missing_required=s.missing_required,
                completeness=s.completeness,
                complete=s.complete,
                scores=s.scores,
                offers=s.offers,
                expertise=s.expertise,
                offered=s.offered_text,
                outcomes=s.outcomes_text,
                revision=p.revision,
                **c,
            )
            for p, s, c in zip(profiles, summaries, changes, strict=True)
        )
        count += len(profiles)
    return count


def _changes(
    before: tuple[str, Variant] | None,
    now: Variant,
    definition: FormatDefinition,
    compared: dict[tuple[int, int], dict[str, Any]],
) -> dict[str, Any]:
    """The stored changes since the school's profile of the year before; each pair of
    variants is compared once (a pool of 40 gives at most 1,600 pairs per format)."""
    if before is None:
        return stored_fields(_side(now, "", definition), None)
    year, earlier = before
    key = (id(earlier), id(now))
    if key not in compared:
        compared[key] = stored_fields(_side(now, "", definition), _side(earlier, year, definition))
    return {**compared[key], "previous_year": year}


def _side(variant: Variant, year: str, definition: FormatDefinition) -> Side:
    s = variant.summary
    return Side(0, 0, year, 1, definition, Facts(s.norms, s.needs, s.scores, s.offers))


def _history(years: list[str], rng: random.Random) -> list[tuple[str, State]]:
    """A school's profiles: one per year in the usual states, or (3 %) one long ago only."""
    if rng.random() < STALE_SHARE:
        start = int(years[0][:4]) - 3
        return [(f"{start}-{start + 1}", State.PUBLISHED)]
    history = [
        (year, _weighted(rng, CURRENT_STATES if year == years[-1] else EARLIER_STATES))
        for year in years
    ]
    return [(year, state) for year, state in history if state is not None]


def _profile(
    school: School, sector: str, year: str, state: State, variant: Variant, *, rng: random.Random
) -> Profile:
    adopted = None
    if state in (State.ADOPTED, State.PUBLISHED):
        start = int(year[:4])
        adopted = datetime.date(start + 1, 1, 15) + datetime.timedelta(days=rng.randint(0, 150))
    return Profile(
        school=school,
        school_year=year,
        format_id=FORMATS[sector],
        format_version=1,
        state=state,
        answers=variant.answers,
        revision=1,
        adopted_on=adopted,
    )


class DatasetError(Exception):
    """A data set that cannot be made: one is there already, or the sizes make no sense."""


def create(schools: int = 7500, swvs: int = 150, years: int = 4, seed: int = 7) -> str:
    """Make the data set in the configured database; returns what was made, in Dutch."""
    if Swv.objects.filter(code__startswith=CODE_PREFIX).exists():
        raise DatasetError("Er staat al een synthetische dataset in deze database.")
    if swvs < 1 or schools < swvs or years < 1:
        raise DatasetError("Kies minstens 1 SWV, 1 schooljaar en minstens 1 school per SWV.")
    started = time.perf_counter()
    counts = generate(schools, swvs, years, timezone.localdate(), seed)
    return (
        f"{counts.swvs} samenwerkingsverbanden, {counts.schools} scholen en "
        f"{counts.profiles} profielen gemaakt in {time.perf_counter() - started:.1f} s."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=7500, help="aantal scholen")
    parser.add_argument("--swvs", type=int, default=150, help="aantal samenwerkingsverbanden")
    parser.add_argument("--years", type=int, default=4, help="aantal schooljaren")
    parser.add_argument("--seed", type=int, default=7, help="startwaarde van het toeval")
    options = parser.parse_args()
    try:
        print(create(options.schools, options.swvs, options.years, options.seed))
    except DatasetError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
