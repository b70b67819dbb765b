"""A two-deck headline's second deck told in the item's text (digests/decks.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from digests.decks import second_deck
from digests.records import Article

TITLE = "惠誉下调美国评级引争议 高盛安抚投资者：这没什么大不了的"
BACKGROUND = "惠誉1日将美国长期外币发行人违约评级从AAA下调至AA+。一时间，这引来了白宫的强烈不满。"


def report(*paragraphs: str) -> Article:
    return Article(id="a", title=TITLE, published=datetime(2023, 8, 3, 1, 49, tzinfo=UTC), paragraphs=paragraphs)


def test_a_text_that_never_names_the_second_decks_actor_adds_its_first_standalone_sentence() -> None:
    body = report(
        BACKGROUND,
        "然而，高盛的策略师却对此不屑一顾。高盛坚持认为，美国国债的大持有者不会仅仅因为评级下调就急于减持。",
    )
    told = second_deck(BACKGROUND, TITLE, body, 150)
    # Not the sentence that leans on the one before it (然而，…对此): the first that stands alone.
    assert told == BACKGROUND + "高盛坚持认为，美国国债的大持有者不会仅仅因为评级下调就急于减持。"


def test_the_second_deck_is_not_added_when_named_already_or_over_budget_or_one_deck() -> None:
    body = report(BACKGROUND, "高盛坚持认为，美国国债的大持有者不会仅仅因为评级下调就急于减持。")
    named = BACKGROUND + "高盛称影响有限。"
    assert second_deck(named, TITLE, body, 150) == named
    assert second_deck(BACKGROUND, TITLE, body, len(BACKGROUND) + 5) == BACKGROUND
    assert second_deck(BACKGROUND, "惠誉下调美国评级引争议", body, 150) == BACKGROUND
