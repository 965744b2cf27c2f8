"""`manage.py generate_national_dataset`: a synthetic national data set for benchmarks."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from opensop.organisations.models import Swv
from opensop.overview.synthetic import CODE_PREFIX, generate


class Command(BaseCommand):
    help = (
        "Maak een synthetische landelijke dataset: samenwerkingsverbanden, besturen, scholen "
        "en profielen over meerdere schooljaren, met hun samenvattingen (voor tests en metingen)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--schools", type=int, default=7500, help="aantal scholen")
        parser.add_argument("--swvs", type=int, default=150, help="aantal samenwerkingsverbanden")
        parser.add_argument("--years", type=int, default=4, help="aantal schooljaren")
        parser.add_argument("--seed", type=int, default=7, help="startwaarde van het toeval")

    def handle(self, *args: Any, **options: Any) -> None:
        if Swv.objects.filter(code__startswith=CODE_PREFIX).exists():
            raise CommandError("Er staat al een synthetische dataset in deze database.")
        if options["swvs"] < 1 or options["schools"] < options["swvs"] or options["years"] < 1:
            raise CommandError("Kies minstens 1 SWV, 1 schooljaar en minstens 1 school per SWV.")
        started = time.perf_counter()
        counts = generate(
            options["schools"],
            options["swvs"],
            options["years"],
            timezone.localdate(),
            options["seed"],
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.swvs} samenwerkingsverbanden, {counts.schools} scholen en "
                f"{counts.profiles} profielen gemaakt in {time.perf_counter() - started:.1f} s."
            )
        )
