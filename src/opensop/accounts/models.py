"""Roles: what a person may do, and in which organisation. One person can hold several."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

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
                condition=(
                    Q(
                        role__in=SCHOOL_ROLES,
                        school__isnull=False,
                        board__isnull=True,
                        swv__isnull=True,
                    )
                    | Q(
                        role__in=BOARD_ROLES,
                        board__isnull=False,
                        school__isnull=True,
                        swv__isnull=True,
                    )
                    | Q(
                        role__in=SWV_ROLES,
                        swv__isnull=False,
                        school__isnull=True,
                        board__isnull=True,
                    )
                ),
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
        organisation = self.school or self.board or self.swv
        return f"{self.user} — {self.get_role_display()} — {organisation}"
