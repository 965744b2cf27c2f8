"""`manage.py load_demo`: fill an empty database with the demo region and print the logins."""

from typing import Any

from django.core.management.base import BaseCommand

from opensop.demo.data import BOARD_NAMES, PASSWORD, USERS, all_users, demo_loaded, load_demo
from opensop.workflow import notifications


class Command(BaseCommand):
    help = "Laad de demogegevens (samenwerkingsverbanden, scholen, profielen, gebruikers)."

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_loaded():
            self.stdout.write("De demogegevens staan er al.")
        else:
            with notifications.muted():  # the demo's history is made up: nobody to tell
                load_demo()
            self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        self.stdout.write(f"\nDemo-accounts (wachtwoord voor allemaal: {PASSWORD}):")
        examples = [u for u in all_users() if u.username in {"ib.99xa", "ib.99xc", "mr.99xb"}]
        for user in [*examples, *USERS]:
            role = user.role.label if user.role else "Beheerder (alles)"
            where = BOARD_NAMES.get(user.organisation, user.organisation)
            self.stdout.write(f"  {user.username:<20} {role} — {where}")
        self.stdout.write("  (elke school heeft ib.<brin> als redacteur en mr.<brin> als MR-lid)")
