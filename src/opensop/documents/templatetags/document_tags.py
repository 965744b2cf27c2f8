from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def css_string(text: str) -> SafeString:
    """Text as a quoted CSS string for page headers. Quotes, backslashes and markup
    characters become CSS escapes, so a school's name cannot end the style element."""
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in '"\\<>&\n' or ord(ch) < 32 else ch for ch in str(text)
    )
    return mark_safe(f'"{escaped}"')  # noqa: S308 - every special character escaped above
