"""Roles: what a person may do, and in which organisation. One person can hold several."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone

from opensop.organisations.models import Board, School, Swv


class Role(models.TextChoices):
    SCHOOL_EDITOR = "school_editor", "Schoolredacteur (directeur, IB)"
    BOARD_MEMBER = "board_member", "Bestuurder (stelt vast)"
    MR_MEMBER = "mr_member", "MR-lid (leest, legt advies vast)"
    SWV_STAFF = "swv_staff", "Medewerker samenwerkingsverband"
    INSPECTORATE = "inspectorate", "Inspectie (leest vastgestelde profielen)"


# Which organisation each role belongs to.
SCHOOL_ROLES = (Role.SCHOOL_EDITOR, Role.MR_MEMBER)
BOARD_ROLES = (Role.BOARD_MEMBER,)
SWV_ROLES = (Role.SWV_STAFF, Role.INSPECTORATE)

# The role's name without its explanation, for lists such as "Schoolredacteur — De Verscheidenheid".
SHORT_ROLE_NAMES = {
    Role.SCHOOL_EDITOR: "Schoolredacteur",
    Role.BOARD_MEMBER: "Bestuurder",
    Role.MR_MEMBER: "MR-lid",
    Role.SWV_STAFF: "Medewerker samenwerkingsverband",
    Role.INSPECTORATE: "Inspectie",
}

Organisation = School | Board | Swv


def organisation_field(role: Role | str) -> str:
    """The field that names the organisation this role belongs to."""
    if role in SCHOOL_ROLES:
        return "school"
    if role in BOARD_ROLES:
        return "board"
    return "swv"


def role_fits(role: Role | str, organisation: Organisation) -> bool:
    kinds: dict[str, type[Organisation]] = {"school": School, "board": Board, "swv": Swv}
    return role in Role.values and isinstance(organisation, kinds[organisation_field(role)])


def names_its_organisation() -> Q:
    """The organisation a role belongs to is set, and no other (memberships and invitations)."""
    return (
        Q(role__in=SCHOOL_ROLES, school__isnull=False, board__isnull=True, swv__isnull=True)
        | Q(role__in=BOARD_ROLES, board__isnull=False, school__isnull=True, swv__isnull=True)
        | Q(role__in=SWV_ROLES, swv__isnull=False, school__isnull=True, board__isnull=True)
    )


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="gebruiker",
    )
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.CASCADE, verbose_name="school"
    )
    board = models.ForeignKey(
        Board, null=True, blank=True, on_delete=models.CASCADE, verbose_name="bestuur"
    )
    swv = models.ForeignKey(
        Swv, null=True, blank=True, on_delete=models.CASCADE, verbose_name="samenwerkingsverband"
    )

    class Meta:
        verbose_name = "rol"
        verbose_name_plural = "rollen"
        constraints = [
            models.CheckConstraint(
                name="membership_names_its_organisation",
                condition=names_its_organisation(),
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", "role", org],
                    condition=Q(**{f"{org}__isnull": False}),
                    name=f"unique_{org}_membership",
                )
                for org in ("school", "board", "swv")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    @property
    def organisation(self) -> Organisation:
        organisation = self.school or self.board or self.swv
        assert organisation is not None  # the check constraint guarantees one
        return organisation


class Invitation(models.Model):
    """An e-mailed link that gives its holder one role in one organisation, once, for a while.

    Only a SHA-256 hash of the token is stored: whoever reads the database cannot use a link.
    """

    email = models.EmailField("e-mailadres")
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name="school",
    )
    board = models.ForeignKey(
        Board,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name="bestuur",
    )
    swv = models.ForeignKey(
        Swv,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name="samenwerkingsverband",
    )
    token_hash = models.CharField("hash van de token", max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
        verbose_name="uitgenodigd door",
    )
    created_at = models.DateTimeField("aangemaakt", auto_now_add=True)
    expires_at = models.DateTimeField("verloopt")
    accepted_at = models.DateTimeField("aangenomen", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="aangenomen door",
    )
    revoked_at = models.DateTimeField("ingetrokken", null=True, blank=True)

    class Meta:
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"
        ordering = ["email", "role"]
        constraints = [
            models.CheckConstraint(
                name="invitation_names_its_organisation", condition=names_its_organisation()
            ),
            # Inviting the same person again replaces the open invitation (new link, new date).
            *(
                models.UniqueConstraint(
                    fields=["email", "role", org],
                    condition=Q(
                        **{f"{org}__isnull": False},
                        accepted_at__isnull=True,
                        revoked_at__isnull=True,
                    ),
                    name=f"one_open_{org}_invitation",
                )
                for org in ("school", "board", "swv")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.get_role_display()} — {self.organisation}"

    @property
    def organisation(self) -> Organisation:
        organisation = self.school or self.board or self.swv
        assert organisation is not None  # the check constraint guarantees one
        return organisation

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        """Neither used nor revoked: it may still be re-sent or revoked, even when expired."""
        return self.accepted_at is None and self.revoked_at is None

    @property
    def problem(self) -> str:
        """Why the link no longer works, in Dutch; empty while it works."""
        if self.revoked_at is not None:
            return "Deze uitnodiging is ingetrokken."
        if self.accepted_at is not None:
            return "Deze uitnodiging is al gebruikt. Een uitnodiging werkt maar één keer."
        if self.is_expired:
            expired_on = formats.date_format(timezone.localtime(self.expires_at), "j F Y")
            return f"Deze uitnodiging is verlopen op {expired_on}."
        return ""
