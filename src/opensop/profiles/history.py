"""What changed since the school's previous profile: one rule for every page that says so.

The profile page, the MR's decision panel and the public school page all compare a profile
with the school's newest adopted or published profile of an earlier school year, among the
profiles the reader may read (for the public: the published ones). A concept never counts:
the school has not stood for it. Each page brings the facts it has at hand: the profile
page judges the answers it shows anyway, the public page reads the stored summaries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from opensop.formats.changes import Change, Facts, compare
from opensop.profiles.models import Profile, State
from opensop.profiles.registry import format_of

DECIDED = (State.ADOPTED, State.PUBLISHED)


@dataclass(frozen=True)
class ChangesSince:
    school_year: str  # of the profile compared with
    changes: list[Change]


def previous_decided(profile: Profile, readable: Iterable[Profile]) -> Profile | None:
    """Of `readable` (what the reader may read), the school's newest adopted or published
    profile of a school year before `profile`'s: latest year, then latest edition."""
    earlier = [
        other
        for other in readable
        if other.school_id == profile.school_id
        and other.school_year < profile.school_year
        and other.state in DECIDED
    ]
    return max(earlier, key=lambda other: (other.school_year, other.edition), default=None)


def changes_since_previous(
    profile: Profile,
    readable: Iterable[Profile],
    facts: Callable[[Profile], Facts | None],
) -> ChangesSince | None:
    """The changes from the previous profile (`previous_decided`) to `profile`, or None when
    there is none, or when `facts` (what a profile is compared on) has none for one side:
    better to say nothing than to guess."""
    previous = previous_decided(profile, readable)
    if previous is None:
        return None
    before, after = facts(previous), facts(profile)
    if before is None or after is None:
        return None
    definitions = [format_of(profile), format_of(previous)]
    return ChangesSince(previous.school_year, compare(before, after, definitions))
