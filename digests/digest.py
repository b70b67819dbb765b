"""Daily category digest: window, near-duplicate collapsing, ranking, composition.

Pure functions over articles already fetched from the store (no I/O here);
``build_category_digest`` only calls ``store.category`` and ``store.in_window``.
Rendering lives in digests/render.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from digests.answered import answered, copies_in, vague_told
from digests.captions import gallery_deck, text_report
from digests.companion import companion_told
from digests.config import ITEM_CHARS
from digests.corroboration import corroborated
from digests.decks import claim_told, deck_figure, dropped_decks, kin_told, rule_detail, second_deck
from digests.dedup import media_count, outlet_key
from digests.final_text import final_text
from digests.forecasts import MORNING
from digests.frontpage import EarlierHeadlines, pick
from digests.grouping import GroupingParams, Story, group
from digests.headlines import finished_headline, headline, headline_article
from digests.itemtext import WHOLE_LEDE, at_home
from digests.layout import in_page_order, with_markets, with_region, with_world
from digests.lead_roundup import ROUNDUP, told_as_roundup
from digests.lead_text import LEAD_CHARS, lead_text
from digests.lede_trim import without_gauges
from digests.lineup import (
    ALSO,
    Ranked,
    also_reported,
    beat_figure,
    front_headline,
    front_report,
    ranked_stories,
    reaction_to,
    same_body_reports,
    subject_fronts,
    untold_fronts,
)
from digests.market_close import closes_first, session_headline
from digests.named_fronts import named_fronts
from digests.owed import owed_told, reading_against_line
from digests.ranking import TemplateShapes
from digests.reading import tidy_spaces
from digests.records import Article, Category
from digests.roundup import reaction_added, roundup, tells_measure
from digests.sources import credits, roundup_credits
from digests.speakers import quote_titled
from digests.story_text import story_text
from digests.storycache import StoryCache
from digests.timewords import headline_when, local_time_told

ROUNDUP_CHARS = 3  # a running subject's lead told as a roundup within this many times an item's budget


class UnknownCategory(LookupError):
    """The store has no such category; the message names it."""


class NewestStore(Protocol):
    def latest(self, category: str, limit: int, *, until: datetime | None = None) -> list[Article]: ...


class DigestStore(Protocol):
    """What the composer needs from digests.store.Store (duck-typed for tests)."""

    def category(self, slug: str) -> Category | None: ...

    def in_window(self, category: str, since: datetime, until: datetime) -> list[Article]: ...


@dataclass(frozen=True)
class DigestItem:
    """One story of the digest, shown through its representative article."""

    title: str
    url: str | None
    text: str  # key sentences, at most ~max_chars, cut cleanly with "…"
    outlet: str | None
    published: datetime  # UTC, of the representative article (a roundup's: the newest report it tells)
    outlet_count: int  # distinct known outlets that carried the story (copies by one outlet count once)
    article_count: int  # every article collapsed into this item
    update_count: int  # later readings of a running figure (0 when none)
    article_ids: tuple[str, ...]
    score: float
    outlets: tuple[str, ...] = ()  # every credited outlet of the story, representative's first
    score_parts: tuple[tuple[str, float], ...] = ()  # what the score is made of (newsbot digest --explain)
    topic_count: int = 0  # articles on the story's topic, the story's own included
    topic_media: int = 0  # media that reported its topic or running subject (told beside their count)
    also: tuple[str, ...] = ()  # headlines of the running subject's other reports (the item stands for it)
    unsourced: int = 0  # reports that name no outlet and come from no known site: not one outlet's copies
    compiled: bool = False  # timed by the newest of several reports its text tells, not its own (截至22:35)


@dataclass(frozen=True)
class Digest:
    category_slug: str
    category_name: str
    digest_date: date  # the calendar day shown; for a rolling window, the local date of ``until``
    since: datetime
    until: datetime
    tz: ZoneInfo
    items: tuple[DigestItem, ...]
    total_articles: int  # articles in the window, before collapsing
    story_count: int  # after collapsing near-duplicates
    hidden: int = 0  # articles left out because they contain one of the chat's mute words

    @property
    def is_empty(self) -> bool:
        return not self.items

    @property
    def is_calendar_day(self) -> bool:
        """True when the window is exactly one calendar day (00:00 to 24:00) in ``tz``."""
        return (self.since, self.until) == day_window(self.digest_date, self.tz)


def default_window(digest_date: date, digest_time: time, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The 24 hours up to ``digest_time`` on ``digest_date`` in ``tz``, as UTC datetimes.

    Elapsed hours, not wall-clock: across a DST change the window is still 24 h long.
    """
    local = datetime.combine(digest_date, digest_time.replace(tzinfo=None), tzinfo=tz)
    until = local.astimezone(UTC)
    return until - timedelta(hours=24), until


def day_window(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The calendar day ``day`` in ``tz`` (local midnight to the next), as UTC datetimes."""
    start = datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=tz).astimezone(UTC)
    return start, end


def newest_day(store: NewestStore, slug: str, tz: ZoneInfo, *, now: datetime | None = None) -> date | None:
    """The calendar day (in ``tz``) of the category's newest article: the default digest day.
    With ``now``, a post dated after it (2031) is not the newest until its date comes."""
    newest = store.latest(slug, 1, until=now)
    return newest[0].published.astimezone(tz).date() if newest else None


def compose_digest(
    articles: Sequence[Article],
    *,
    category_slug: str,
    category_name: str,
    until: datetime,
    since: datetime,
    tz: ZoneInfo,
    top_n: int = 8,
    max_chars: int = ITEM_CHARS,
    grouping: GroupingParams | None = None,
    hide: Callable[[Article], bool] | None = None,
    earlier: Sequence[Article] = (),
    cache: StoryCache | None = None,
) -> Digest:
    """Group the window's articles into stories, rank them and keep the top ``top_n`` as items.

    The day is grouped once for everyone (``cache`` keeps it); ``hide`` then leaves out a chat's
    muted articles, story by story.  ``earlier`` is the previous window: its stories are not news
    again.
    """
    if until.tzinfo is None or since.tzinfo is None:
        raise ValueError("since and until must be timezone-aware datetimes")
    if top_n < 1 or max_chars < 10:
        raise ValueError(f"top_n must be ≥ 1 and max_chars ≥ 10 (got {top_n}, {max_chars})")
    # The store already selects [since, until); filtering again keeps this function honest on its own.
    # A day is local midnight to the next: an article stamped 00:00 opens its day, not the one before.
    window = sorted(
        {a.id: a for a in articles if since <= a.published < until}.values(),
        key=lambda a: (a.published, a.id),
    )
    grouped = cache.grouping(window, grouping) if cache is not None else group(window, grouping)
    stories = grouped.stories
    hidden = 0
    if hide is not None:
        shown = [story.without(hide) for story in stories]
        hidden = sum(1 for a in window if hide(a))
        stories = [s for s in shown if s is not None]
    templates = grouped.templates or TemplateShapes(window)
    told = EarlierHeadlines(earlier) if earlier else None
    first_day = since.astimezone(tz).date()
    ranked = ranked_stories(stories, grouped, since, until, templates=templates, told=told, first_day=first_day)
    pool = ranked[: top_n * 6]  # a front page never reaches further down (digests.frontpage.pick)
    topics = [grouped.topic_of.get(r.story.articles[0].id, -1) for r in ranked]
    names = [grouped.subject_names(r.story) for r in pool]
    # Topics and names are judged on what the reader sees: each story's headline over its representative.
    headed = [dataclasses.replace(r.rep, title=headline(r.story, r.rep)) for r in pool]
    subjects = [grouped.running_subjects(r.story) for r in pool]
    chosen = pick(ranked, headed, top_n, topics=topics, names=names, subjects=subjects) if ranked else []
    chosen = with_markets(with_world(chosen, ranked, top_n), ranked, top_n, tz)
    chosen, region = with_region(chosen, ranked, grouped, top_n)
    chosen = in_page_order(chosen, region)
    on_page = [r.story for r in chosen]
    readable = [a for s in stories for a in s.articles]  # what this chat may read (its muted reports left out)
    # The page is read when its window closes; one closing at midnight, over breakfast.
    closes = until.astimezone(tz).replace(tzinfo=None)
    read = closes + (timedelta(hours=MORNING.hour) if closes.time() == time() else timedelta())
    items = tuple(
        _item(
            r.story,
            r.rep,
            r.score,
            r.parts,
            tz=tz,
            max_chars=max_chars,
            feed=category_name,
            # the reports and media on what the item stands for: its topic, the running subject it leads,
            # or the name its headline shares with the day's others (惠誉)
            topic=max(r.related, grouped.name_coverage(r.story)[0]),
            topic_media=max(grouped.media_on_topic(r.story), r.subject_outlets, grouped.name_coverage(r.story)[1]),
            also=also_reported(r, ranked, grouped, on_page, most=ALSO + (ROUNDUP if k == 0 else 0))
            if r.subjects
            else same_body_reports(r, ranked, on_page) or named_fronts(r, ranked, grouped, on_page),
            # The lead of a running subject (a flood in sixty reports) is told as a roundup of its fronts.
            fronts=subject_fronts(r, ranked, grouped, on_page, most=2 * ROUNDUP, told=True)
            if k == 0 and r.subjects
            else (),
            mate=beat_figure(r, pool, on_page),
            reaction=reaction_to(r, pool, grouped, on_page),
            heads_page=k == 0,
            read=read,
            day=readable,
        )
        for k, r in enumerate(chosen)
    )
    day = (until - timedelta(microseconds=1)).astimezone(tz).date()
    return Digest(
        category_slug=category_slug,
        category_name=category_name,
        digest_date=day if (since, until) == day_window(day, tz) else until.astimezone(tz).date(),
        since=since,
        until=until,
        tz=tz,
        items=items,
        total_articles=len(window) - hidden,
        story_count=len(stories),
        hidden=hidden,
    )


def _item(
    story: Story,
    rep: Article,
    score: float,
    parts: tuple[tuple[str, float], ...],
    *,
    tz: ZoneInfo,
    max_chars: int,
    feed: str,
    topic: int,
    also: tuple[str, ...] = (),
    topic_media: int = 0,
    fronts: Sequence[Ranked] = (),
    mate: Ranked | None = None,
    reaction: Ranked | None = None,
    heads_page: bool = False,
    read: datetime,
    day: Sequence[Article] = (),
) -> DigestItem:
    title = at_home(headline_when(tidy_spaces(headline(story, rep), headline=True), rep.published.astimezone(tz)))
    title = session_headline(title)
    lead = headline_article(story, rep)
    # A representative whose headline was cut short had its body's start garbled too, and one headed only by
    # its press conference tells its news further down: the text comes from the report whose headline is shown.
    told_by = text_report(lead, rep, story.articles)
    # What the text owes its headline: the rule it names spelled out, the second deck's news.
    slack = int(max_chars * WHOLE_LEDE)
    text = rule_detail(story_text(told_by, story.articles, title, max_chars, tz=tz), title, told_by, slack)
    text = deck_figure(second_deck(text, title, told_by, slack), title, told_by, slack)
    text = gallery_deck(text, title, lead, told_by, slack)  # the headline's first, from its gallery
    text = kin_told(
        claim_told(dropped_decks(text, title, told_by, slack), title, told_by, slack), title, told_by, slack
    )
    text, reports = corroborated(text, title, story.articles, max_chars, tz=tz), [told_by, *story.articles]
    text = reading_against_line(owed_told(text, title, reports, slack, tz=tz))  # a rule's start, a PMI's line
    text = companion_told(text, title, reports, slack)  # the same day's second rule
    text = quote_titled(closes_first(text, title, reports, max_chars, tz=tz), told_by)  # ”Frost说 → ”助理部长Frost说
    shown: set[str] = set()
    told_reports: list[Article | None] = []  # other stories' reports the lead's roundup tells
    published = told_by.published  # the text's report, credited and timed as the item
    if fronts:
        # A disaster's people (its toll, those moved to safety) open the roundup: what a reader looks for
        # first. Then its own news, its own reports' facts (a landfall forecast), the subject's other fronts.
        told = told_as_roundup(text, title, story, fronts, ROUNDUP_CHARS * max_chars, tz=tz)
        title, text, shown, told_reports = told.title, told.text, set(told.shown), list(told.told)
        # The item is as fresh as the newest report it tells (5.2万多人 moved at 21:56, not the lede's 12:56).
        published = max([published, *(a.published for a in told_reports if a is not None)])
    if heads_page:  # the lead is read whole: the room its roundup leaves goes to its reports' figures, its detail
        budget, running = LEAD_CHARS * max_chars, bool(fronts)
        text = lead_text(without_gauges(text), title, told_by, story.articles, budget, tz=tz, running=running, day=day)
    elif mate is not None:
        # the beat's figure the page left out, within a lede's slack; a measure the text tells, only
        # by a newer reading of it (北向资金净流入达80亿 at 13:50 after the 12:35 wrap's 70.39亿元)
        newest = front_report(mate)
        if not tells_measure(text, front_headline(mate)) or newest.published > told_by.published:
            text, added = roundup(text, [(newest, front_headline(mate))], slack, most=1, tz=tz)
            if added:  # compiled as of the newer reading (截至13:50), linked to the wrap its text is
                told_reports, published = [*told_reports, newest], max(published, newest.published)
    if reaction is not None:  # the world's answer to the upheaval, told in the text's own room
        reply, heading = front_report(reaction), front_headline(reaction)
        more = reaction_added(text, reply, heading, slack, room=max_chars // 2, tz=tz)
        if more != text:
            text, told_reports, shown = more, [*told_reports, reply], shown | {at_home(heading)}
    also = untold_fronts(tuple(map(at_home, also)), text, tuple(shown))
    # 具体伤亡情况不明, 近日召开: the day's reports tell
    text, decided = vague_told(text, title, reports, day, slack, tz=tz)  # 会议核准了…, credited to its report
    text, answer = answered(text, told_by, day)
    told_reports += [a for a in (decided, answer) if a]
    if answer is not None and answer.outlet and not (told_by.outlet or told_by.byline):
        published = answer.published  # credited to the answer's outlet, and timed by its report
    title = finished_headline(title, text)
    text = local_time_told(text, [*reports, *(a for a in told_reports if a)])  # 当地时间26日早晨, as reported
    text = final_text(title, text, written=published.astimezone(tz).date(), read=read)
    return DigestItem(
        title=title,
        url=told_by.url or None,
        text=text,
        outlet=told_by.outlet,
        published=published,
        # a roundup counts the outlets whose reports it tells, as it credits them
        outlet_count=media_count([*story.all_outlets, *(a.outlet for a in told_reports if a and a.outlet)]),
        # and the reports it lifted an answer or a meeting's approvals from
        article_count=len(story.articles)
        + sum(copies_in(a, day) if a is answer else 1 for a in (answer, decided) if a and a not in story.articles),
        update_count=len(story.versions) - 1,
        article_ids=tuple(a.id for a in story.articles),
        score=score,
        outlets=roundup_credits(credits(story.articles, told_by, feed=feed), told_reports, feed=feed),
        score_parts=parts,
        topic_count=topic,
        topic_media=topic_media,
        also=also,
        unsourced=sum(1 for a in story.articles if outlet_key(a) is None),
        compiled=published != told_by.published,
    )


def build_category_digest(
    store: DigestStore,
    slug: str,
    *,
    digest_date: date | None = None,
    digest_time: time | None = None,
    tz: ZoneInfo,
    top_n: int = 8,
    max_chars: int = ITEM_CHARS,
    since: datetime | None = None,
    day: date | None = None,
    hide: Callable[[Article], bool] | None = None,
    cache: StoryCache | None = None,
) -> Digest:
    """Fetch the window's articles of ``slug`` (and the window before it) and compose its digest.

    ``day`` asks for one calendar day in ``tz`` (what ``newsbot digest --date`` shows).
    Otherwise the window is the 24 hours up to ``digest_time`` on ``digest_date``
    (a scheduled digest); ``since`` overrides its start (the push pipeline passes the
    time of this chat's last digest). ``hide`` leaves articles out (a chat's mute
    words); the digest counts them in ``hidden``.
    """
    category = store.category(slug)
    if category is None:
        raise UnknownCategory(f"unknown category: {slug!r}")
    if day is not None:
        default_since, until = day_window(day, tz)
    elif digest_date is not None and digest_time is not None:
        default_since, until = default_window(digest_date, digest_time, tz)
    else:
        raise ValueError("give day, or digest_date and digest_time")
    start = default_since if since is None else since
    if start.tzinfo is None:
        raise ValueError("since must be a timezone-aware datetime")
    if start >= until:
        articles: list[Article] = []
        earlier: list[Article] = []
    else:
        articles = store.in_window(slug, start, until)
        earlier = store.in_window(slug, start - (until - start), start)
    return compose_digest(
        articles,
        category_slug=slug,
        category_name=category.display_name,
        until=until,
        since=start,
        tz=tz,
        top_n=top_n,
        max_chars=max_chars,
        hide=hide,
        earlier=earlier,
        cache=cache,
    )
