"""`manage.py rebuild_summaries`: recompute the overview's summary of every profile."""

from typing import Any

from django.core.management.base import BaseCommand

from opensop.overview.services import rebuild_summaries


class Command(BaseCommand):
    help = "Bereken de samenvatting voor het regionale overzicht van elk profiel opnieuw."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_summaries()
        self.stdout.write(self.style.SUCCESS(f"{count} profielsamenvattingen opnieuw berekend."))
