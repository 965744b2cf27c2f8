"""The one base of every refusal Open SOP explains to a person.

A `Refused` is something a person asked for that Open SOP will not do: a wrong value, a
file it cannot read, an action in the wrong state or by the wrong role. Its message is
Dutch and says what and where, so it is shown as it is: a page puts it at the field or in
the error summary, a command prints it and exits non-zero, the API returns it. Each app
keeps its own subclass (its name says who refused); a page or command that only shows the
message catches `Refused`. Plain Python: the format core raises it too.
"""

from __future__ import annotations


class Refused(Exception):  # noqa: N818 - the name the whole code base catches
    """Something a person asked for and was refused; `str(error)` is the Dutch message."""
