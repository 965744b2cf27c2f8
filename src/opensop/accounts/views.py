"""The second step of logging in: setting up an authenticator app, and using it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp import match_token

from opensop.accounts import two_factor
from opensop.accounts.access import as_user


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    assert user is not None
    device = two_factor.pending_app(user)
    error = ""
    if request.method == "POST":
        codes = two_factor.confirm_app(user, device, request.POST.get("code", ""))
        if codes is not None:
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        error = (
            "Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat "
            "en probeer de nieuwste code."
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            # The SVG is made by the qrcode package from our own URL: no user text in it.
            "qr": mark_safe(two_factor.qr_svg(device)),  # noqa: S308
            "secret": two_factor.secret_for_typing(device),
            "error": error,
            "required": two_factor.needs_two_factor(user),
        },
        status=400 if error else 200,
    )


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user = as_user(request.user)
    assert user is not None
    error = ""
    if request.method == "POST":
        device = match_token(user, request.POST.get("code", "").replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            if device.__class__.__name__ == "StaticDevice":
                left = device.token_set.count()
                messages.warning(request, f"U gebruikte een herstelcode; nog {left} over.")
            return redirect(request.GET.get("next") or "home")
        error = "Deze code klopt niet. Gebruik de nieuwste code uit uw app, of een herstelcode."
    status = 400 if error else 200
    return render(request, "accounts/two_factor_verify.html", {"error": error}, status=status)
