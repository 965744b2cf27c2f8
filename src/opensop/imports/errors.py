"""The one error the readers raise: whatever the input, the message is Dutch and plain."""

from __future__ import annotations

from opensop.refused import Refused

# The default upper limit for an uploaded file; the web app reads OPENSOP_IMPORT_MAX_BYTES.
DEFAULT_MAX_BYTES = 20 * 1000 * 1000


class UnreadableFileError(Refused):
    """A file that cannot be imported; the message says why, in Dutch, and nothing is stored."""


def check_size(data: bytes, max_bytes: int) -> None:
    if not data:
        raise UnreadableFileError("Het bestand is leeg.")
    if len(data) > max_bytes:
        raise UnreadableFileError(too_large(len(data), max_bytes))


def too_large(size: int, max_bytes: int) -> str:
    return f"Het bestand is {_size(size)}; hoogstens {_size(max_bytes)} kan worden ingelezen."


def _size(size: int) -> str:
    """Sizes the Dutch way: 20 MB, 1,5 MB, 300 kB."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1e6:.1f}".removesuffix(".0").replace(".", ",") + " MB"
