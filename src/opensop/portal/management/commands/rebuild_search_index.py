"""`manage.py rebuild_search_index`: rewrite the public search's entry of every published
profile and the stored newest published profile of every school (after a bulk load, or when
the vocabulary or a format's wording changed)."""

from typing import Any

from django.core.management.base import BaseCommand

from opensop.portal.services import rebuild_index


class Command(BaseCommand):
    help = "Bereken de zoekgegevens van elk gepubliceerd profiel opnieuw."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild_index()
        self.stdout.write(
            self.style.SUCCESS(f"{count} gepubliceerde profielen opnieuw geïndexeerd.")
        )
