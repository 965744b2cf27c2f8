"""Every page links the house style, and collectstatic finds it (a page without it is unreadable)."""

from django.contrib.staticfiles import finders
from django.test import Client


def test_the_stylesheet_is_found_for_collectstatic_and_development() -> None:
    assert finders.find("opensop/opensop.css")


def test_pages_link_the_stylesheet(db: None) -> None:
    page = Client().get("/inloggen/").content.decode()
    assert 'href="/static/opensop/opensop.css"' in page
    assert '<html lang="nl">' in page
