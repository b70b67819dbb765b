"""Military designations are written one way on a page, the services' way (歼-10C)."""

from __future__ import annotations

import pytest

from digests.designations import hyphenated


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("八一飞行表演队换装歼10C首次国内公开亮相", "八一飞行表演队换装歼-10C首次国内公开亮相"),
        ("运油20与歼-20同框，轰6K、直20亮相，空警500巡航", "运油-20与歼-20同框，轰-6K、直-20亮相，空警-500巡航"),
        ("歼-10S、歼-11BS首次进行异型机模拟空战展示", "歼-10S、歼-11BS首次进行异型机模拟空战展示"),  # already so
    ],
)
def test_a_type_prefix_is_joined_to_its_number_by_a_hyphen(text: str, shown: str) -> None:
    assert hyphenated(text) == shown


@pytest.mark.parametrize("text", ["货运20万吨", "一直20年没变", "歼击机编队", "运120万件快递", "歼20日起飞"])
def test_words_and_quantities_that_only_look_like_designations_are_left_alone(text: str) -> None:
    assert hyphenated(text) == text


def test_the_page_shows_a_captions_designation_the_way_its_text_writes_the_others() -> None:
    from tests.test_captions import GALLERY, GALLERY_TITLE, PROSE, PROSE_TITLE
    from tests.test_dedup import art
    from tests.test_digest import compose

    items = compose(
        [art("g", GALLERY_TITLE, GALLERY, "20:51", outlet="中新社"), art("p", PROSE_TITLE, PROSE, "21:24")]
    ).items
    assert "歼-10C" in items[0].title and "歼10C" not in items[0].title + items[0].text
