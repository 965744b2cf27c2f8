"""The format registry for the web app: the built-in formats plus the configured folders."""

from __future__ import annotations

import functools

from django.conf import settings

from opensop.formats.definition import FormatDefinition
from opensop.formats.registry import FormatRegistry
from opensop.profiles.models import Profile


@functools.cache
def registry() -> FormatRegistry:
    return FormatRegistry.builtin(settings.OPENSOP_FORMAT_DIRS)


def format_of(profile: Profile) -> FormatDefinition:
    definition = registry().get(profile.format_id, profile.format_version)
    if definition is None:
        raise LookupError(
            f"formaat {profile.format_id} versie {profile.format_version} is onbekend"
        )
    return definition
