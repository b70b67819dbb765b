"""A reaction to yesterday's news does not weigh as yesterday's event, nor stand for the world's news.
A window of a hundred articles or more, as a real day is: subjects are names several outlets' headlines carry."""

from __future__ import annotations

from datetime import date

from tests.test_dedup import art
from tests.test_digest import compose
from tests.test_frontpage import FILLER
from tests.test_world_section import HOME

DAY = date(2021, 12, 8)  # the page's day
# Fitch's cut, dated by its reports two days before the page's day (abroad: yesterday's news) ...
DOWNGRADE = [
    art(
        f"cut{n}",
        "惠誉将美国长期外币发行人违约评级从AAA下调至AA+",
        "惠誉当地时间6日将美国长期外币发行人违约评级从AAA下调至AA+。",
        f"0{n + 8}:30",
        outlet=outlet,
    )
    for n, outlet in enumerate(("财联社", "智通财经"))
]
# ... and the day's reaction to it, which dates nothing
REACTION = art(
    "treasury",
    "美国财政部：惠誉下调评级的影响有限",
    "一名美国财政部高级别官员表示，惠誉下调美国AAA主权评级对美国国债的价格影响有限。",
    "08:45",
    outlet="金融界",
)


def _ranked(articles: list) -> dict:
    from digests.grouping import group
    from digests.lineup import ranked_stories
    from tests.test_digest import SINCE, UNTIL

    grouped = group(articles)
    ranked = ranked_stories(
        grouped.stories, grouped, SINCE, UNTIL, templates=grouped.templates, told=None, first_day=DAY
    )
    return {r.rep.id: dict(r.parts) for r in ranked}


def test_a_reaction_to_yesterdays_event_does_not_take_the_worlds_place_on_a_full_home_page() -> None:
    titles = [item.title for item in compose([*HOME, *FILLER, *DOWNGRADE, REACTION], top_n=8).items]
    assert len(titles) == 8 and REACTION.title not in titles


def test_a_reaction_to_yesterdays_event_loses_the_size_the_event_gave_it() -> None:
    parts = _ranked([*FILLER, *DOWNGRADE, REACTION])["treasury"]
    assert parts["magnitude"] > 0 and parts["dated"] == -parts["magnitude"]


def test_a_reaction_to_todays_event_keeps_its_size() -> None:
    today = [
        art(f"t{n}", c.title, c.paragraphs[0].replace("6日", "8日"), "09:30", outlet=c.outlet)
        for n, c in enumerate(DOWNGRADE)
    ]
    assert _ranked([*FILLER, *today, REACTION])["treasury"]["dated"] == 0
