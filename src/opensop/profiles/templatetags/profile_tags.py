from typing import Any

from django import template

from opensop.formats.definition import FormatDefinition
from opensop.profiles.presentation import ShownSection, present

register = template.Library()


@register.simple_tag(name="present")
def present_tag(definition: FormatDefinition, answers: dict[str, Any]) -> list[ShownSection]:
    return present(definition, answers)
