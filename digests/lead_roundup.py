"""A running subject's lead told as a desk's roundup of its fronts.

A flood in sixty reports is one item: its toll first (what a reader looks for), one count of people
moved to safety, its own news in two sentences, the national bodies' responses, its own reports'
facts by their newest telling (a landfall forecast), then the subject's other fronts, within the
lead's budget. What is not told stays a headline in the item's 相关 line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from digests.grouping import Story
from digests.headlines import member_facts
from digests.lineup import NATIONAL_ACT, Ranked, front_headline, front_report
from digests.records import Article
from digests.roundup import freshest, roundup, toll_told
from digests.sentences import split_text
from digests.tolls import people_counted, toll_first

__all__ = ["LEAD_OWN", "ROUNDUP", "Roundup", "told_as_roundup"]

ROUNDUP = 4  # a running subject's other fronts told in its lead item's text
LEAD_OWN = 2  # sentences of a roundup lead's own report before its fronts


@dataclass(frozen=True)
class Roundup:
    title: str  # headed by the toll when one is counted
    text: str
    shown: frozenset[str]  # the fronts' headlines the text tells (not named again under it)
    told: tuple[Article | None, ...]  # other stories' reports the text tells, credited with the item


def told_as_roundup(
    text: str, title: str, story: Story, fronts: Sequence[Ranked], budget: int, *, tz: ZoneInfo
) -> Roundup:
    """``text`` (the lead story's own, under ``title``) told as a roundup of ``fronts`` within ``budget``."""
    # Its own news in two sentences: the national response and the other fronts come before the
    # report's further detail (a typhoon's 08:00 position).
    text = "".join(split_text(text)[:LEAD_OWN])
    people: list[tuple[Article | None, str]] = []
    others: list[tuple[Article | None, str]] = []
    national: list[tuple[Article | None, str]] = []  # a national body's response: told before the detail
    for f in fronts:
        national_act = dict(f.parts)["official"] >= NATIONAL_ACT
        kind = people if people_counted(f.rep.title) else national if national_act else others
        kind.append((front_report(f), front_headline(f)))
    title, toll = toll_first(title, [h for _, h in people])
    detail, shown, told_reports = "", set[str](), list[Article | None]()
    if toll is not None:  # the toll heads the item; its text tells it in full, then those moved
        dead, deck = people.pop(toll)
        shown.add(deck)
        detail = toll_told(dead, budget, tz=tz) if dead is not None else ""
        told_reports += [dead] if detail else []
    counted, told_people = roundup(text, people, budget, most=ROUNDUP, tz=tz)
    subject = [a for f in fronts for a in f.story.articles] + list(story.articles)
    facts = freshest(member_facts(story, title), subject, budget // 2)  # the newest telling of each
    tried = national + facts + others
    most = ROUNDUP + len(facts) - len(told_people)
    whole = frozenset(range(len(national), len(national) + len(facts)))  # the story's own reports
    rounded, told = roundup(counted, tried, budget, most=most, tz=tz, whole=whole)
    text = detail + counted[len(text) :] + text + rounded[len(counted) :]
    shown |= {people[k][1] for k in told_people} | {tried[k][1] for k in told}
    told_reports += [people[k][0] for k in told_people] + [tried[k][0] for k in told]
    return Roundup(title, text, frozenset(shown), tuple(told_reports))
