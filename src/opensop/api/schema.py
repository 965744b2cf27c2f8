"""The API key in the OpenAPI schema (so the docs offer an 'Authorize' button)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "opensop.api.authentication.ApiKeyAuthentication"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een API-sleutel van een samenwerkingsverband (optioneel).",
        }


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "fout": {"type": "string", "description": "wat er mis is, in het Nederlands"},
        "velden": {
            "type": "object",
            "additionalProperties": True,
            "description": "per vraagparameter wat er niet klopt (alleen bij 400)",
        },
    },
    "required": ["fout"],
}
ERRORS = {
    "400": "Een filter of parameter klopt niet.",
    "401": "De API-sleutel bestaat niet of is ingetrokken.",
    "404": "Niet gevonden (of niet openbaar).",
    "429": "Te veel verzoeken; zie de header Retry-After.",
}


def add_error_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Every operation can answer with these errors, each as {"fout": "..."}."""
    result.setdefault("components", {}).setdefault("schemas", {})["Fout"] = ERROR_SCHEMA
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for status, description in ERRORS.items():
                operation["responses"].setdefault(
                    status, {"description": description, "content": body}
                )
    return result


def forbid_null_characters(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Text parameters may not hold a NUL character (Django's forms refuse it: a 400)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and "enum" not in schema:
                    schema.setdefault("pattern", "^[^\\u0000]*$")
    return result
