"""Logging in, a forgotten password, and the lockout after repeated wrong passwords."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from tests.web.conftest import Region


def login(client: Client, username: str, password: str) -> str:
    return client.post(
        "/inloggen/", {"username": username, "password": password}, follow=True
    ).content.decode()


def test_login_with_the_right_password(region: Region) -> None:
    page = login(Client(), "editor", "wachtwoord-123")
    assert "Ingelogd als editor" in page


def test_a_wrong_password_says_so_in_dutch(region: Region) -> None:
    page = login(Client(), "editor", "fout")
    assert "Uw gebruikersnaam of wachtwoord klopt niet" in page


def test_five_wrong_passwords_lock_the_account_for_a_while(region: Region) -> None:
    client = Client()
    for _ in range(5):
        login(client, "editor", "fout")
    page = login(client, "editor", "wachtwoord-123")  # even the right password now waits
    assert "Tijdelijk geblokkeerd" in page
    assert "Ingelogd als" not in page


def test_forgotten_password_by_email_link(region: Region) -> None:
    editor = region.user("editor")
    editor.email = "ib@school.example"  # type: ignore[union-attr]
    editor.save()  # type: ignore[union-attr]
    client = Client()
    page = client.post(
        "/wachtwoord-vergeten/", {"email": "ib@school.example"}, follow=True
    ).content.decode()
    assert "Kijk in uw e-mail" in page
    [message] = mail.outbox
    assert message.subject == "Nieuw wachtwoord voor Open SOP"
    link = re.search(r"http://testserver(/wachtwoord-instellen/\S+/)", message.body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    page = client.post(
        form.redirect_chain[-1][0], {"new_password1": "kort", "new_password2": "kort"}
    ).content.decode()
    assert 'id="pw1-error"' in page or 'id="pw2-error"' in page
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Zonnebloem-Heerlen-42", "new_password2": "Zonnebloem-Heerlen-42"},
        follow=True,
    ).content.decode()
    assert "Uw nieuwe wachtwoord is ingesteld" in done
    assert "Ingelogd als editor" in login(Client(), "editor", "Zonnebloem-Heerlen-42")


def test_an_unknown_address_gets_the_same_answer(region: Region) -> None:
    page = (
        Client()
        .post("/wachtwoord-vergeten/", {"email": "niemand@example.nl"}, follow=True)
        .content.decode()
    )
    assert "Kijk in uw e-mail" in page
    assert mail.outbox == []
