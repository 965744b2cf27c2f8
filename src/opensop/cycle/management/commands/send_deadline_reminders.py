"""`manage.py send_deadline_reminders --dagen 14`: remind schools before the SWV's deadline.

Run it daily (cron); a school gets each reminder once, however often it runs."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from opensop.cycle.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Herinner de scholen waarvan het profiel nog niet klaar is, vanaf N dagen voor de "
        "deadline van hun samenwerkingsverband (elke school één keer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dagen", type=int, default=14, help="dagen voor de deadline")
        parser.add_argument("--vandaag", help="doen alsof het deze datum is (JJJJ-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dagen"] < 0:
            raise CommandError("--dagen kan niet negatief zijn.")
        today = timezone.localdate()
        if options["vandaag"]:
            try:
                today = datetime.date.fromisoformat(options["vandaag"])
            except ValueError as exc:
                raise CommandError(f"--vandaag {options['vandaag']}: gebruik JJJJ-MM-DD.") from exc
        sent = send_deadline_reminders(today, options["dagen"])
        self.stdout.write(self.style.SUCCESS(f"{sent} herinnering(en) verstuurd."))
