"""Under a night's lead, harm done since in place of the morning's disruption.

A running disaster's lead names its other fronts under it (digests/lineup.also_reported), best first.
By night the best may be the morning's (首都机场有航班取消 at 12:39 under a lead whose subject's newest
front is at 23:55); what a reader looks for then is the harm done since (丰沙线部分列车滞留线上 at 23:39).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from digests import hanzi
from digests.tolls import harm_told, people_counted

__all__ = ["HARM_SCORE", "MOVED_ON", "moved_on", "without_cause"]

MOVED_ON = timedelta(hours=8)  # how much older than the subject's newest front a disruption gives way to harm
HARM_SCORE = 3.0  # a front of harm done carried widely enough to name under the lead (not one rescue's tale)


class _Report(Protocol):
    @property
    def published(self) -> datetime: ...
    @property
    def title(self) -> str: ...


class _Story(Protocol):
    @property
    def articles(self) -> Sequence[_Report]: ...


class _Front(Protocol):
    @property
    def score(self) -> float: ...
    @property
    def story(self) -> _Story: ...
    @property
    def rep(self) -> _Report: ...
    @property
    def parts(self) -> tuple[tuple[str, float], ...]: ...


F = TypeVar("F", bound=_Front)


def moved_on(lead: _Front, fronts: list[F], later: Sequence[F]) -> list[F]:
    """``fronts`` with the first of the morning's disruptions under a night's lead (首都机场有航班取消 at 12:39,
    the day's newest front at 23:55) giving way to harm done since the lead's own last report, among
    ``later`` (丰沙线部分列车滞留线上 at 23:39): the subject has moved on, its damage is the news."""
    newest = max(a.published for a in lead.story.articles)
    harm = next(
        (r for r in later if r.score >= HARM_SCORE and r.rep.published > newest and harm_told(r.rep.title)), None
    )
    moved = max([newest, *(r.rep.published for r in (*fronts, *later))]) - MOVED_ON
    # a disruption: neither a count of people nor any official's act, which the lead's roundup tells
    stale = [
        k
        for k, r in enumerate(fronts)
        if r.rep.published < moved and not people_counted(r.rep.title) and not dict(r.parts)["official"]
    ]
    if harm is None or not stale:
        return fronts
    return [harm if k == stale[0] else r for k, r in enumerate(fronts)]


# 受此次强降雨影响，导致北京丰台至沙城铁路…滞留: under the lead, the weather is said; the front is what it did.
_CAUSE_FIRST = hanzi.compile(r"^受[^，,。\s]{2,12}影响[，,\s](?:导致|造成)?(?=\S{10})")


def without_cause(headline: str) -> str:
    """A front's headline without the weather it opens by blaming (受此次强降雨影响，导致…)."""
    return _CAUSE_FIRST.sub("", headline)
