"""Structured log lines: security events and errors as one JSON object per line on stderr.

A region's IT reads these with whatever collects container or journald output; JSON keeps
each event one line with named fields, so a lockout or a changed second step can be found
and alerted on without parsing prose. Only identifiers go in (user id, SWV id, key prefix):
never a password, a code, a token or an answer.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

SECURITY_LOGGER = "opensop.security"

# The attributes every LogRecord has; anything else on a record came in through `extra`.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys() | {"message", "asctime"}
)


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, the extra fields, traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in record.__dict__.items():
            if name not in _STANDARD_ATTRIBUTES and not name.startswith("_"):
                line[name] = value
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def security_event(event: str, **fields: str | int | bool | None) -> None:
    """Log one security event (e.g. ``two_factor_changed``) with identifying fields only."""
    logging.getLogger(SECURITY_LOGGER).info(event, extra={"event": event, **fields})
