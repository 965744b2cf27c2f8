"""Remove uploads whose import preview was never confirmed (older than a day)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from opensop.imports import pending


class Command(BaseCommand):
    help = (
        "Verwijdert geüploade bestanden van voorvertoningen die niet binnen een dag zijn bevestigd."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        removed = pending.remove_abandoned()
        self.stdout.write(f"{len(removed)} verlaten upload(s) verwijderd.")
