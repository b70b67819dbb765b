"""A reaction to yesterday's news does not borrow yesterday's size.

On 3 August the day's reports date Fitch's downgrade of the United States to the 1st: yesterday's
front page, so that story loses what its magnitude gave it (digests/ranking.py, ``dated``). The
same day's reactions (美国财政部：惠誉下调评级的影响有限, 惠誉回应下调美国信用评级, 耶伦痛批惠誉…) name
the downgrade in their headlines and so weigh as a rating cut themselves; read the next morning they
are second-day angles on a two-day-old event. A story whose headline names a subject whose most
reported story is dated loses its magnitude the same way. A running subject (a flood, a storm) is
not yesterday's: its fronts are each day's news.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from digests.grouping import Grouping, Story
from digests.records import Article

__all__ = ["reacting_to_yesterday"]


class _Scored(Protocol):
    """A ranked story (digests.lineup.Ranked), as this module reads it."""

    @property
    def story(self) -> Story: ...
    @property
    def rep(self) -> Article: ...
    @property
    def parts(self) -> tuple[tuple[str, float], ...]: ...


REPORTED = 2  # reports a dated story needs to stand for its subject: one report is one outlet's retelling


def _yesterdays(ranked: Sequence[_Scored], grouped: Grouping) -> frozenset[str]:
    """The names whose most reported story (two reports or more; a tie counts) is dated before the window."""
    biggest: dict[str, tuple[int, bool]] = {}
    for r in ranked:
        if grouped.running_subjects(r.story):
            continue
        dated, size = dict(r.parts)["dated"] < 0, len(r.story.articles)
        for name in grouped.subject_names(r.story):
            was = biggest.get(name, (0, False))
            if size > was[0] or (size == was[0] and dated):
                biggest[name] = (size, dated)
    return frozenset(name for name, (size, dated) in biggest.items() if dated and size >= REPORTED)


def reacting_to_yesterday(ranked: Sequence[_Scored], grouped: Grouping) -> list[bool]:
    """For each of ``ranked``, whether it is an undated story with a magnitude whose headline names one of
    yesterday's subjects (``_yesterdays``): a reaction to yesterday's event, which loses the size the
    event gave it (digests.lineup)."""
    yesterdays = _yesterdays(ranked, grouped)
    flags = []
    for r in ranked:
        parts = dict(r.parts)
        reacts = any(name in r.rep.title for name in yesterdays) and not grouped.running_subjects(r.story)
        flags.append(reacts and parts["magnitude"] > 0 and not parts["dated"])
    return flags
