"""`manage.py load_basisondersteuning FILE.yaml --swv CODE`: a (national) standard as a version."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from opensop.basisondersteuning import services
from opensop.basisondersteuning.text import BaseSupportError, read_yaml
from opensop.organisations.models import Swv


class Command(BaseCommand):
    help = "Leest een basisondersteuning (YAML) in als nieuwe versie van een samenwerkingsverband."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--swv", required=True, help='code van het SWV, bijv. "VO 27-05"')
        parser.add_argument(
            "--valid-from",
            type=datetime.date.fromisoformat,
            help="geldig vanaf (JJJJ-MM-DD); anders valid_from uit het bestand, of vandaag",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        swv = Swv.objects.filter(code=options["swv"]).first()
        if swv is None:
            raise CommandError(f"Onbekend samenwerkingsverband: {options['swv']}")
        try:
            text = read_yaml(path.read_text(encoding="utf-8"), file=path.name)
        except OSError as exc:
            raise CommandError(f"{path}: kan het bestand niet lezen ({exc.strerror}).") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: het bestand is geen UTF-8-tekst.") from exc
        except BaseSupportError as exc:
            raise CommandError(str(exc)) from exc
        valid_from = options["valid_from"] or text.valid_from or timezone.localdate()
        version = services.publish_text(swv, None, text, valid_from)
        self.stdout.write(
            f"{swv.code}: versie {version.number} van “{version.title}” "
            f"({len(text.parts)} onderdelen), geldig vanaf {valid_from:%d-%m-%Y}."
        )
