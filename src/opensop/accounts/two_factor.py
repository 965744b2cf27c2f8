"""Two-factor authentication: an authenticator app (TOTP) plus one-time recovery codes.

Required for SWV staff and site admins (they read every profile of a region), optional
for everyone else. Built on django-otp; this module holds the rule and the steps.
"""

from __future__ import annotations

import secrets
from base64 import b32encode
from collections.abc import Callable
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opensop.accounts.access import as_user, has_role
from opensop.accounts.models import Role

RECOVERY_CODES = 10
# Pages a signed-in user must reach before the second step is done.
OPEN_PATHS = ("/tweestapsverificatie/", "/uitloggen/", "/static/")


def needs_two_factor(user: User) -> bool:
    return user.is_superuser or has_role(user, Role.SWV_STAFF)


def has_confirmed_app(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def pending_app(user: User) -> TOTPDevice:
    """The authenticator app being set up (created unconfirmed on first visit)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Authenticator-app"}
    )
    return device


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in groups of four, for people who type it instead of scanning."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def confirm_app(user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code from it; returns fresh recovery codes, or None if wrong."""
    if not device.verify_token(code.replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


def new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Herstelcodes")
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


class RequireTwoFactorMiddleware:
    """Sends SWV staff and admins to the second step until they have done it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = as_user(request.user)
        if (
            user is not None
            and not request.path.startswith(OPEN_PATHS)
            and not user.is_verified()  # type: ignore[attr-defined]
            and needs_two_factor(user)
        ):
            target = "two-factor-verify" if has_confirmed_app(user) else "two-factor-setup"
            return redirect(target)
        return self.get_response(request)
