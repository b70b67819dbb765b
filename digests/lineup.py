"""The day's stories in the order a front page weighs them, before the page is made up.

Each story is shown through its representative article under its best-reading headline; its score
is the sum of named parts (digests/ranking.py).  A running subject (a flood told in sixty reports:
digests/themes.py) counts as big as all its reports, through the one story that stands for it, and
that story names the subject's next weightiest reports under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from digests import hanzi
from digests.frontpage import EarlierHeadlines, dice, title_grams
from digests.grouping import Grouping, Story
from digests.harm_fronts import moved_on, without_cause
from digests.headlines import (
    STORM_WORD,
    headline,
    headline_quality,
    representative,
)
from digests.itemtext import body_sentences
from digests.names import broad_name
from digests.ranking import (
    W_MINISTRY,
    W_RECENCY,
    W_UPHEAVAL,
    TemplateShapes,
    score_parts,
)
from digests.reading import tidy_spaces
from digests.records import Article
from digests.roundup import tells_measure
from digests.similarity import announcer
from digests.themes import SUBJECT_THEMES, subjects_of, themes_of
from digests.tolls import people_counted

__all__ = [
    "ALSO",
    "NATIONAL_ACT",
    "Ranked",
    "also_reported",
    "beat_figure",
    "front_headline",
    "ranked_stories",
    "same_body_reports",
    "subject_fronts",
]


class Ranked(NamedTuple):
    score: float
    story: Story
    rep: Article
    parts: tuple[tuple[str, float], ...]
    related: int  # the reports on its topic, or on the running subject it stands for
    subjects: frozenset[str] = frozenset()  # the running subjects it stands for on the page
    subject_outlets: int = 0  # the outlets that reported the running subjects it stands for


# A disaster itself, stated in a headline's first clause (海河流域发生流域性较大洪水, 北京遭遇…暴雨).
_DISASTER_STRUCK = hanzi.compile(
    r"^[^\s，,：:]*(?:发生|遭遇|遭受|暴发|出现)[^\s，,：:]{0,12}(?:洪水|洪涝|暴雨|山洪|泥石流|地震|内涝)"
)


def _weight(r: Ranked) -> tuple[bool, float, float, float]:
    """Who stands for a running subject is what happened at its scale, not how many wrote about that
    one event (the subject's coverage is counted for it already): the disaster itself when a fresh
    report states it (海河流域发生流域性较大洪水), before the response to it (国家减灾委…启动Ⅳ级救灾应急
    响应), which the lead's roundup tells; then who acted and how big it was. A district's toll is told
    in the roundup (``subject_fronts``), not as its headline."""
    parts = dict(r.parts)
    struck = bool(_DISASTER_STRUCK.search(r.rep.title)) and not parts.get("seen") and not parts["template"]
    scale = parts["magnitude"] if struck else 0.0  # of two stated, the bigger (a basin's flood, not rivers counted)
    return (struck, scale, parts["official"] + parts["magnitude"] + parts["template"], r.score)


def ranked_stories(
    stories: Sequence[Story],
    grouped: Grouping,
    since: datetime,
    until: datetime,
    *,
    templates: TemplateShapes,
    told: EarlierHeadlines | None,
    first_day: date | None = None,
) -> list[Ranked]:
    """Every story with its score parts, best first.

    A running subject (a flood told in sixty reports: digests/themes.py) is as big as all its
    reports together, but only through one story, its weightiest: that one stands for the subject
    on the front page, the others compete as the single events they are.
    """

    def rank(
        story: Story, subject: tuple[int, int] = (0, 0), led: frozenset[str] = frozenset(), media: int = 0
    ) -> Ranked:
        rep = representative(story.latest_version)
        related = max(grouped.topic_articles(story), subject[0])
        parts = score_parts(
            story,
            rep,
            since,
            until,
            templates=templates,
            seen_before=told is not None and told.told(rep) and len(story.outlets) < 2,
            topic_articles=related,
            topic_outlets=max(grouped.outlets_on_topic(story), subject[1]),
            memo=grouped.text_weights,
            first_day=first_day,
        )
        return Ranked(round(sum(v for _, v in parts), 9), story, rep, parts, related, led, media)

    # Deterministic: score, then newer first, then id.
    def order(r: Ranked) -> tuple[float, float, str]:
        return (-r.score, -r.rep.published.timestamp(), r.story.articles[0].id)

    ranked = sorted((rank(story) for story in stories), key=order)
    if grouped.themes is not None:
        led: set[str] = set()
        for k in sorted(range(len(ranked)), key=lambda k: _weight(ranked[k]), reverse=True):
            story, parts = ranked[k].story, dict(ranked[k].parts)
            subjects = grouped.running_subjects(story) - led
            if subjects and parts["reach"] >= 0 and not parts["template"]:  # filler does not stand for it
                led |= subjects
                sizes, media = grouped.themes.size(subjects), grouped.themes.media(subjects)
                ranked[k] = rank(story, sizes, frozenset(subjects), media)
        ranked.sort(key=order)
    return _most_reported_first(ranked, grouped)


def _most_reported_first(ranked: list[Ranked], grouped: Grouping) -> list[Ranked]:
    """Within one topic, a story scoring less than ``W_RECENCY`` below the topic's best (they differ
    by the hour only) and reported more often takes its place: of one press conference's measures,
    the one outlets ran again (公安部：全面放宽大城市落户条件) stands for the topic, not the latest.
    Of a running story several outlets name (卡努, 尼日尔), the development ``DEVELOPED`` newer and
    scoring less than ``W_DEVELOPMENT`` below takes its place: the typhoon turning away in the
    evening, not the morning's port closures."""
    first: dict[int, int] = {}
    best: dict[int, float] = {}  # the topic's best score: the bar does not drift down with each swap
    for k, r in enumerate(ranked):
        topic = grouped.topic_of.get(r.story.articles[0].id, -1)
        if topic < 0:
            continue
        if topic not in first:
            first[topic], best[topic] = k, r.score
            continue
        lead = ranked[first[topic]]
        again = best[topic] - r.score < W_RECENCY and len(r.story.articles) > len(lead.story.articles)
        close = best[topic] - r.score < W_DEVELOPMENT
        if (again and not _develops(lead, r, grouped)) or (
            close and (_develops(r, lead, grouped) or _event_of(r, lead))
        ):
            ranked[first[topic]], ranked[k] = r, lead
    return _newest_named(ranked, grouped)


NAMED_READ = 60  # how far down the ranking a shared name's newer development is looked for


def _newest_named(ranked: list[Ranked], grouped: Grouping) -> list[Ranked]:
    """Of the stories on one specific name outlets carried (惠誉) across topics, a development
    ``DEVELOPED`` newer, as widely carried and scoring less than ``W_DEVELOPMENT`` below takes the
    place of the earlier one: Fitch defending its cut in the afternoon, not the Treasury's answer
    after midnight."""
    top = min(len(ranked), NAMED_READ)
    # each story's specific names, read once (a broad name such as 美国 ties nothing)
    named = [frozenset(n for n in grouped.subject_names(r.story) if not broad_name(n)) for r in ranked[:top]]
    for k in range(top):
        for j in range(k + 1, top):
            earlier, later = ranked[k], ranked[j]
            if not named[k] & named[j] or earlier.subjects or later.subjects:
                continue
            # as widely carried: an event three outlets reported keeps its place over two outlets' reaction
            carried = len(later.story.outlets) >= len(earlier.story.outlets)
            if carried and earlier.score - later.score < W_DEVELOPMENT and _develops(later, earlier, grouped):
                ranked[k], ranked[j] = later, earlier
                named[k], named[j] = named[j], named[k]
                break
    return ranked


W_DEVELOPMENT = 2.0  # a development may score this much below the morning's story it replaces
DEVELOPED = timedelta(hours=3)  # ... when it is at least this much newer: a new state, not another copy


# The world's reaction to an upheaval (西共体…发表声明，谴责…未遂政变), not the upheaval itself.
_REACTS = hanzi.compile(r"谴责|回应|表态|呼吁|敦促|声明")


def _event_of(story: Ranked, reaction: Ranked) -> bool:
    """``story`` tells the upheaval whose reaction ``reaction`` headlines (a president detained by his
    guards, under the regional bloc's condemnation of it): the event stands for the topic."""
    upheaval = min(dict(story.parts).get("magnitude", 0.0), dict(reaction.parts).get("magnitude", 0.0)) >= W_UPHEAVAL
    return upheaval and bool(_REACTS.search(reaction.rep.title)) and not _REACTS.search(story.rep.title)


def _develops(later: Ranked, lead: Ranked, grouped: Grouping) -> bool:
    """``later`` is a newer development of the running story ``lead`` tells (one subject outlets name)."""
    newest = max(a.published for a in later.story.articles)
    if newest - max(a.published for a in lead.story.articles) < DEVELOPED or dict(later.parts).get("seen"):
        return False
    return bool(grouped.subject_names(later.story) & grouped.subject_names(lead.story))


_LEVEL = hanzi.compile(r"[ⅠⅡⅢⅣ]级|[一二三四]级(?=应急)?")


def _same_response(one: str, other: str) -> bool:
    """Two headlines telling one place's emergency response at one level."""
    levels = set(_LEVEL.findall(one)) & set(_LEVEL.findall(other))
    return bool(levels) and "响应" in one and "响应" in other and one[:2] == other[:2]


_FIGURE = hanzi.compile(r"\d+(?:\.\d+)?(?:%|亿|万|个|点|元|美元|人)")
ALSO = 2  # other reports of a running subject named under the item that stands for it
NATIONAL_ACT = 2.0  # official weight of a national body's act: a lead's roundup tells it whatever its coverage


# 福建海事局启动防台II级响应, 广东将防风应急响应提升至Ⅱ级: a typhoon's fronts.
_STORM_FRONT = hanzi.compile(r"台风|飓风|热带风暴|防台|防风")


def subject_fronts(
    lead: Ranked,
    ranked: Sequence[Ranked],
    grouped: Grouping,
    on_page: Sequence[Story] = (),
    *,
    most: int = ALSO,
    told: bool = False,
) -> list[Ranked]:
    """The subject's next biggest stories that the page does not show (a flood's other fronts: a town
    still under water, another province's red warnings), under clean headlines only, best first;
    ``told`` (in the lead's text) only those two outlets carried or a national body's act."""
    seen = [title_grams(headline(lead.story, lead.rep))]
    storm = bool(STORM_WORD.search(headline(lead.story, lead.rep)))
    shown = {id(story) for story in on_page} | {id(lead.story)}
    out: list[Ranked] = []
    # By score, which counts the outlets on each report's own topic: the subject's busiest front
    # (a town still under water) before a side event that only shares the weather.
    # Told in the lead's text, a counted toll, then a count of people moved, come first (one of each):
    # any disaster's first facts.
    counts: set[int] = set()
    for r in sorted(ranked, key=lambda r: (people_counted(r.rep.title) if told else 0, r.score), reverse=True):
        if len(out) == most:
            break
        # A side event that only shares the weather (a river's low water abroad), or filler, is not a front.
        if id(r.story) in shown or r.subjects or dict(r.parts)["reach"] < 0 or dict(r.parts)["template"]:
            continue
        kind = people_counted(r.rep.title) if told else 0
        parts = dict(r.parts)
        # Told in the lead's text: a count of people, a national body's act, or a front two outlets carried
        # that is sizeable (a Ⅰ级 response) or a place the day's headlines name (涿州), not a tally of rises.
        sizeable = parts["magnitude"] > 0 or parts["reach"] > 0 or bool(grouped.subject_names(r.story))
        carried = len(r.story.outlets) >= 2 and sizeable
        if kind in counts or (told and not kind and not carried and parts["official"] < NATIONAL_ACT):
            continue
        if told and parts["seen"] < 0:
            continue  # an earlier day's act retold (静海's flood-storage area opened on the 1st): not this day's news
        title = front_headline(r)
        if not (_STORM_FRONT.search(title) if storm else subjects_of(title) & lead.subjects):
            continue  # a typhoon's fronts are the typhoon's (漳州多个景区关闭), not another province's rain
        grams = title_grams(title)
        if headline_quality(title) < 0 or any(dice(grams, g) >= 0.4 for g in seen):
            continue
        same = next((k for k, f in enumerate(out) if _same_response(title, front_headline(f))), None)
        if same is not None:  # 河北…启动Ⅰ级应急响应 and 河北：…提升至Ⅰ级 宁晋泊…已启用: one response, the fuller told
            out[same] = r if len(title) > len(front_headline(out[same])) else out[same]
            continue
        seen.append(grams)
        out.append(r)
        if kind:
            counts.add(kind)
    return out


# 全力以赴筑牢…“安全网”, 保驾护航: a unit telling of its own effort, not what happened.
_PUBLICITY = hanzi.compile(r"全力以赴|筑牢|安全网|保驾护航|守护|暖心|点赞|众志成城|冲锋在前|坚守一线|逆行")


def also_reported(
    lead: Ranked, ranked: Sequence[Ranked], grouped: Grouping, on_page: Sequence[Story] = (), *, most: int = ALSO
) -> tuple[str, ...]:
    """Headlines of the subject's other fronts the page does not show (``subject_fronts``), but not a
    unit's publicity without a figure (漳州海警局全力以赴筑牢防台防汛“安全网”) nor a storm's approach
    without what it did or what was done (“杜苏芮”正逐渐向我国东南沿海靠近)."""
    found = recent_fronts(lead, subject_fronts(lead, ranked, grouped, on_page, most=most + 16))
    fronts = moved_on(lead, found[: most + 4], found[most + 4 :])
    return tuple(without_cause(h) for h in map(front_headline, fronts) if names_a_front(h))[:most]


def untold_fronts(
    headlines: Sequence[str], text: str, shown: Sequence[str] = (), *, most: int = ALSO
) -> tuple[str, ...]:
    """The fronts still to name under an item: not one its roundup ``shown``, nor a count of people its
    ``text`` already tells (转移群众52384人 under 全市共转移群众5.2万多人)."""
    kept = (h for h in headlines if h not in shown and not (people_counted(h) and tells_measure(text, h)))
    return tuple(kept)[:most]


def recent_fronts(lead: Ranked, fronts: Sequence[Ranked]) -> list[Ranked]:
    """``fronts`` without those half a day older than the lead's newest report (a morning's 北京西站停运
    under a 22:00 lead): the subject has moved on since."""
    newest = max(a.published for a in lead.story.articles) - STALE_FRONT
    return [r for r in fronts if max(a.published for a in r.story.articles) >= newest]


STALE_FRONT = timedelta(hours=12)  # how much older than an item a story named under it may be
_KEPT_IN_FORCE = hanzi.compile(r"继续发布|持续发布|维持[^，,\s]{0,8}预警")


def names_a_front(title: str) -> bool:
    """The headline tells a front of its subject: not a unit's publicity without a figure, a storm's
    approach without what it did or what was done, nor a warning only kept in force."""
    if _KEPT_IN_FORCE.search(title):  # 中央气象台7月31日18时继续发布暴雨红色预警
        return False
    if _FIGURE.search(title):
        return True
    return not _PUBLICITY.search(title) and (not _APPROACH.search(title) or bool(_DONE.search(title)))


# A storm coming closer (正逐渐向…靠近, 逼近), and what a front tells besides: an act, a closure, a toll.
_APPROACH = hanzi.compile(r"靠近|逼近|来袭|临近|接近|趋近")
_DONE = hanzi.compile(r"停航|停运|停课|停工|停飞|关闭|取消|转移|撤离|回港|避风|响应|预警|登陆|受损|死亡|受伤|被困|停电")


def beat_figure(item: Ranked, pool: Sequence[Ranked], on_page: Sequence[Story] = ()) -> Ranked | None:
    """The best story the page left out for sharing ``item``'s beat (a market session: 北向资金净流入达
    80亿 beside the index wrap) whose headline states a figure: one item per beat tells its figure."""
    beats = themes_of(item.rep) - SUBJECT_THEMES
    if not beats or item.subjects:
        return None
    shown = {id(story) for story in on_page} | {id(item.story)}
    for r in pool:  # best first
        parts = dict(r.parts)
        if id(r.story) in shown or parts["seen"] or parts["template"] or not themes_of(r.rep) & beats:
            continue
        title = front_headline(r)
        if _FIGURE.search(title) and headline_quality(title) >= 0:
            return r
    return None


def reaction_to(
    item: Ranked, pool: Sequence[Ranked], grouped: Grouping, on_page: Sequence[Story] = ()
) -> Ranked | None:
    """The best story the page left out telling the world's reaction to the upheaval ``item`` tells
    (西共体…谴责在尼日尔发生的未遂政变 under the president detained by his guards): one topic, one item."""
    topic = grouped.topic_of.get(item.story.articles[0].id, -1)
    shown = {id(story) for story in on_page} | {id(item.story)}
    same = [r for r in pool if id(r.story) not in shown and grouped.topic_of.get(r.story.articles[0].id) == topic]
    return next((r for r in same if topic >= 0 and _event_of(item, r)), None)  # best first


def front_headline(r: Ranked) -> str:
    """A ranked story's headline as a line under or inside another item shows it."""
    return tidy_spaces(headline(r.story, r.rep), headline=True)


_DECK = hanzi.compile(r"\s+|[，,]")


def front_report(r: Ranked) -> Article:
    """The report a roundup tells a front by: its story's latest that tells the front's first deck
    again, whatever its figure (16条河流发生超警以上洪水 at 22:40 over the 20:50 report's 13条), else
    the story's representative."""
    deck = _DECK.split(front_headline(r).strip(), maxsplit=1)[0]
    own = "".join(r.rep.paragraphs)  # a copy of the representative tells nothing newer
    later = sorted(
        (a for a in r.story.articles if a.published > r.rep.published and "".join(a.paragraphs) != own),
        key=lambda a: a.published,
    )
    return next((a for a in reversed(later) if tells_measure("".join(body_sentences(a, 2)), deck)), r.rep)


def same_body_reports(lead: Ranked, ranked: Sequence[Ranked], on_page: Sequence[Story] = ()) -> tuple[str, ...]:
    """Headlines of the other announcements the item's national body made that day and the page does
    not show (公安部: 全面放宽大城市落户条件 under 公安部实施"免交证、办成事"改革): one press
    conference, one item, its other decisions named under it."""
    body = announcer(lead.rep.title)
    if body is None:
        return ()
    shown = {id(story) for story in on_page} | {id(lead.story)}
    out: list[str] = []
    for r in ranked:  # best first
        if len(out) == ALSO:
            break
        if id(r.story) in shown or announcer(r.rep.title) != body or dict(r.parts)["official"] < W_MINISTRY:
            continue  # another of the body's rule changes, not its routine operations
        title = front_headline(r)
        if headline_quality(title) >= 0:
            out.append(title)
    return tuple(out)
