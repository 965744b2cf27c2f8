"""`manage.py export_open_data [MAP]`: the open data files, e.g. every night from cron.

Without MAP the files go to the default storage (settings.STORAGES), where the page
/open-data/ offers them; with MAP to that folder (through a FileSystemStorage)."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.management.base import BaseCommand

from opensop.api.open_data import export


class Command(BaseCommand):
    help = (
        "Schrijf de open data (alle gepubliceerde profielen per samenwerkingsverband en "
        "landelijk, als CSV en JSON) naar MAP, of naar de opslag die /open-data/ toont."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("map", nargs="?", help="map voor de bestanden (standaard: de opslag)")

    def handle(self, *args: Any, **options: Any) -> None:
        storage: Storage = default_storage
        prefix = str(settings.OPENSOP_OPEN_DATA_PREFIX)
        if options["map"]:
            storage, prefix = FileSystemStorage(location=options["map"]), ""
        started = time.perf_counter()
        manifest = export(storage, prefix)
        size = sum(f.size for f in manifest.files)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(manifest.files)} bestanden ({size / 1e6:.1f} MB) geschreven in "
                f"{time.perf_counter() - started:.1f} s; gegevens van {manifest.date}."
            )
        )
