"""Samenwerkingsverbanden, boards and schools: who profiles belong to and who reads them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models

from opensop.formats.definition import Sector

brin_validator = RegexValidator(
    r"^\d{2}[A-Z]{2}$", "Een brinnummer is 2 cijfers en 2 letters, bijv. 12AB."
)
location_validator = RegexValidator(r"^\d{2}$", "Een vestigingsnummer is 2 cijfers, bijv. 00.")


LOGO_MAX_BYTES = 300_000


def validate_logo_size(file: File[bytes]) -> None:
    if file.size is not None and file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            f"Het logo is {file.size // 1000} kB; hoogstens {LOGO_MAX_BYTES // 1000} kB."
        )


class Swv(models.Model):
    """A regional partnership (samenwerkingsverband) and the profile format it chose."""

    code = models.CharField("code", max_length=20, unique=True, help_text="Bijv. PO 31-06")
    name = models.CharField("naam", max_length=200)
    sector = models.CharField("sector", max_length=2, choices=[(s.value, s.value) for s in Sector])
    format_id = models.CharField("formaat", max_length=64)
    format_version = models.PositiveIntegerField("formaatversie")
    logo = models.FileField(
        "logo",
        upload_to="logo/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"]), validate_logo_size],
        help_text="PNG of JPEG, hoogstens 300 kB; komt bovenaan elk document van het SWV.",
    )
    coverage_threshold = models.PositiveSmallIntegerField(
        "drempel dekkend aanbod",
        default=1,
        help_text=(
            "Een ondersteuningsbehoefte is een gat in het aanbod als minder scholen dan dit "
            "aantal haar aanwezig of specialistisch bieden."
        ),
    )
    # Whether the public (API, open data) sees how each school scores on the SWV's norms.
    publishes_norm_results = models.BooleanField(
        "normuitkomsten openbaar",
        default=False,
        help_text="Toon in de API en de open data per school of zij aan de normen voldoet.",
    )

    # Where parents get independent help: the SWV's ouder- en jeugdsteunpunt (in the chapter
    # each school puts in its schoolgids). Kept here once, by the SWV's staff.
    parent_help_name = models.CharField(
        "naam steunpunt",
        max_length=200,
        blank=True,
        help_text="Bijv. Ouder- en jeugdsteunpunt Zuid-Kennemerland",
    )
    parent_help_phone = models.CharField("telefoon steunpunt", max_length=40, blank=True)
    parent_help_email = models.EmailField("e-mail steunpunt", blank=True)
    parent_help_website = models.URLField("website steunpunt", blank=True)
    parent_help_text = models.TextField(
        "wat het steunpunt doet",
        blank=True,
        help_text="In gewone taal: waarvoor ouders er terecht kunnen, wanneer het bereikbaar is.",
    )
    # Indexed: the latest change of any SWV is part of the public data's version
    # (profiles/published.py), read on every public search.
    updated_at = models.DateTimeField("gewijzigd", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "samenwerkingsverband"
        verbose_name_plural = "samenwerkingsverbanden"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Board(models.Model):
    """A school board (bevoegd gezag)."""

    number = models.CharField(
        "bevoegd-gezagnummer", max_length=5, unique=True, blank=True, null=True
    )
    name = models.CharField("naam", max_length=200)

    class Meta:
        verbose_name = "bestuur"
        verbose_name_plural = "besturen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    """One school location, identified by BRIN number and location number."""

    brin = models.CharField("brinnummer", max_length=4, validators=[brin_validator])
    location = models.CharField(
        "vestiging", max_length=2, default="00", validators=[location_validator]
    )
    name = models.CharField("naam", max_length=200)
    street = models.CharField("straat en huisnummer", max_length=200, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True)
    city = models.CharField("plaats", max_length=100, blank=True)
    municipality = models.CharField("gemeente", max_length=100, blank=True)
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, related_name="schools", verbose_name="bestuur"
    )
    swv = models.ForeignKey(
        Swv, on_delete=models.PROTECT, related_name="schools", verbose_name="samenwerkingsverband"
    )
    # The school's choice to name its contact person (the answers its format marks personal
    # and lists as the summary's contact) on the public pages: the school page, the summary
    # for parents and the schoolgids chapter. Off until the school says so (docs/privacy.md);
    # written only by organisations.services.choose_public_contact_person.
    shows_contact_person = models.BooleanField(
        "contactpersoon tonen op de openbare pagina", default=False
    )
    contact_person_chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="keuze contactpersoon gemaakt door",
    )
    contact_person_chosen_at = models.DateTimeField(
        "keuze contactpersoon gemaakt op", null=True, blank=True
    )
    # Indexed, like Swv.updated_at: a school renamed or moved changes the public data.
    updated_at = models.DateTimeField("gewijzigd", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "school"
        verbose_name_plural = "scholen"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["brin", "location"], name="unique_school_location")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.brin}{self.location})"

    @property
    def code(self) -> str:
        return f"{self.brin}{self.location}"
