"""A front page's make-up once its stories are picked: it carries the world and the markets, and it runs in the order
a desk lays one out (the lead, the leadership's news, the month's key figure, home news with the
world's upheavals, the rest of the world's).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import time
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.grouping import Grouping
from digests.headlines import headline
from digests.lineup import Ranked
from digests.market_close import market_session
from digests.ranking import W_LEADERSHIP, W_MACRO, W_MINISTRY, W_SOVEREIGNTY, W_UPHEAVAL, WORLD_SHAKING, world_news
from digests.regions import second_region

__all__ = ["in_page_order", "with_markets", "with_region", "with_world"]

WORLD_REACH = 200  # how far down the ranking the page looks for the world's event of the day


def _first_unshown(page: list[Ranked], ranked: Sequence[Ranked], wanted: Callable[[Ranked], bool]) -> Ranked | None:
    """The best-ranked story within ``WORLD_REACH`` that the page does not show and that is ``wanted``."""
    taken = {id(r.story) for r in page}
    return next((r for r in ranked[:WORLD_REACH] if id(r.story) not in taken and wanted(r)), None)


def _in_place_of_last(
    page: list[Ranked], newcomer: Ranked | None, top_n: int, yields: Callable[[int, Ranked], bool]
) -> list[Ranked]:
    """``page`` with ``newcomer`` at its end, in place of its last item that ``yields`` when full;
    unchanged when there is no newcomer or nothing yields."""
    if newcomer is None:
        return page
    if len(page) >= top_n:
        lesser = [k for k, r in enumerate(page) if yields(k, r)]
        if not lesser:
            return page
        del page[lesser[-1]]
    return [*page, newcomer]


def with_world(chosen: Sequence[Ranked], ranked: Sequence[Ranked], top_n: int) -> list[Ranked]:
    """A front page carries the world: when none of ``chosen`` (in rank order) is another country's
    news, the day's weightiest world event (a coup, a massacre, a rating cut: magnitude at least
    ``WORLD_SHAKING``) takes the place of the last item that is not itself of that magnitude (the
    month's key figure stays)."""
    page = list(chosen)
    if not page or any(world_news(headline(r.story, r.rep)) for r in page):
        return page
    world = _first_unshown(
        page,
        ranked,
        lambda r: (
            dict(r.parts)["magnitude"] >= WORLD_SHAKING
            and not dict(r.parts)["template"]
            and world_news(headline(r.story, r.rep))
        ),
    )
    return _in_place_of_last(page, world, top_n, lambda k, r: dict(r.parts)["magnitude"] < WORLD_SHAKING)


_CLOSE = time(15, 0)  # the A-share close: a report before it tells a session still running


def _market_session(r: Ranked) -> bool:
    return market_session(headline(r.story, r.rep)) and not dict(r.parts)["template"]


def with_markets(chosen: Sequence[Ranked], ranked: Sequence[Ranked], top_n: int, tz: ZoneInfo) -> list[Ranked]:
    """A front page carries the markets: when none of ``chosen`` tells the stock market's session, the
    best-ranked report of the close that does (published after 15:00 in ``tz``: a morning's gap-up is
    not the day's market) takes the place of the last item that is neither the lead, the leadership's,
    the state's on its sovereignty, a ministry's rule, the world's nor of a world event's magnitude, and
    that scores less than twice the close (``MARKET_SHARE``). A page that is not full just gains it."""
    page = list(chosen)
    if not page or any(_market_session(r) for r in page):
        return page
    market = _first_unshown(
        page,
        ranked,
        lambda r: _market_session(r) and max(a.published for a in r.story.articles).astimezone(tz).time() >= _CLOSE,
    )
    if market is None:
        return page
    return _in_place_of_last(page, market, top_n, lambda k, r: _lesser(k, r) and market.score >= MARKET_SHARE * r.score)


# A close scoring under this share of an item does not take its place: a quiet session's wrap is the
# weakest item a page can carry (editors on 07-26 and 08-03 would sooner have the day's typhoon).
MARKET_SHARE = 0.5


def _lesser(k: int, r: Ranked) -> bool:
    """Gives its place to a section the page lacks: neither the lead, the leadership's, the state's on
    its sovereignty, the world's nor of a world event's magnitude."""
    parts = dict(r.parts)
    return (
        k > 0
        and parts["magnitude"] < WORLD_SHAKING
        and parts["official"] < W_SOVEREIGNTY
        and not world_news(headline(r.story, r.rep))
    )


def with_region(
    chosen: Sequence[Ranked], ranked: Sequence[Ranked], grouped: Grouping, top_n: int
) -> tuple[list[Ranked], Ranked | None]:
    """A front page carries a running disaster's second region (the north-east's floods beside the
    lead's basin: digests.regions.second_region) in place of its last lesser item that is not the
    markets'; the page, and that item when there is one."""
    page = list(chosen)
    region = second_region(page, ranked, grouped)
    page = _in_place_of_last(page, region, top_n, lambda k, r: _lesser(k, r) and not _market_session(r))
    return page, (region if region is not None and any(r is region for r in page) else None)


# 台风“卡努”8月4日后转向东偏北方向远离我国: a storm whose danger to the country is passing
_TURNING_AWAY = hanzi.compile(r"(?:台风|热带风暴|飓风)[^，。]*远离(?:我国|大陆|陆地)")


def in_page_order(page: Sequence[Ranked], region: Ranked | None = None) -> list[Ranked]:
    """The order a desk lays out a front page chosen by rank: the lead first, then the leadership's
    news in the desk's order (the head of state, the leadership's meeting, its offices' documents),
    then the month's key figure (制造业PMI为49.3%), then the rest of the home news with the world's
    upheavals (a coup, a leader stepping down), the lead's disaster in a second ``region`` and a storm
    turning away from the country right after the ministries' own news, then the rest of the world's,
    each by rank."""
    ministries = [k for k in range(1, len(page)) if dict(page[k].parts)["official"] >= W_MINISTRY]

    def place(k: int) -> tuple[int, float, float]:
        r = page[k]
        parts = dict(r.parts)
        official = parts["official"]
        # Not news told days ago (近日，外交部发布消息，习近平将出席…): it keeps the place its rank gave it.
        fresh = not parts.get("seen") and not parts.get("dated")
        if official >= W_LEADERSHIP and fresh:
            return (0, -official, k)
        if r is region or _TURNING_AWAY.search(headline(r.story, r.rep)):
            # the lead's disaster striking elsewhere, a storm turning away from the country: the day's news
            # at home after the ministries' own (公安部：全面放宽大城市落户条件 before 卡努…远离我国)
            return (2, 0.0, max(ministries, default=0) + 0.5)
        if world_news(headline(r.story, r.rep)):
            return (2 if parts.get("magnitude", 0.0) >= W_UPHEAVAL else 3, 0.0, k)
        key_figure = parts.get("magnitude", 0.0) >= W_MACRO and parts.get("reach", 0.0) > 0 and fresh
        return (1 if key_figure else 2, 0.0, k)

    return [*page[:1], *(page[k] for k in sorted(range(1, len(page)), key=place))]
