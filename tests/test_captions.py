"""An item's text is told from a report in prose, not a photo gallery's captions (digests/captions.py)."""

from __future__ import annotations

from digests.captions import in_captions, text_report
from tests.test_dedup import art
from tests.test_digest import compose

FIRST = "八一飞行表演队换装歼10C后首次在国内公开亮相表演。"
GALLERY = (
    "26日，2023年空军航空开放活动·长春航空展在吉林长春开幕。" + FIRST + "\n" + FIRST + "\n" + FIRST + "\n"
    "运油-20单机 + 歼-20四机护航编队。\n动力伞表演。\n军乐团表演。"
)
PROSE = (
    "2023年空军航空开放活动·长春航空展26日在长春开幕。多支飞行、跳伞表演队共舞蓝天，歼-20以四机编队进行机动"
    "飞行展示，运油-20首次与歼-20、歼-16进行空中加油通场展示。"
)
GALLERY_TITLE = "2023年长春航空展开幕 八一飞行表演队换装歼10C首次国内公开亮相"
PROSE_TITLE = "2023年空军航空开放活动·长春航空展在长春开幕"


def test_a_body_repeating_its_caption_is_a_gallery_and_prose_is_not() -> None:
    assert in_captions(art("g", GALLERY_TITLE, GALLERY, outlet="中新社"))
    assert not in_captions(art("p", PROSE_TITLE, PROSE))
    assert not in_captions(art("s", "短句", "是的。\n是的。"))  # a short refrain is no caption


def test_the_headline_that_names_a_first_keeps_its_report_unless_that_report_is_captions() -> None:
    gallery = art("g", GALLERY_TITLE, GALLERY, "20:51", outlet="中新社")
    prose = art("p", PROSE_TITLE, PROSE, "21:24")
    assert text_report(gallery, prose) is prose
    told = art("t", GALLERY_TITLE, "26日，长春航空展开幕。" + FIRST + "运油-20首次与歼-20同框。", "20:51")
    assert text_report(told, prose) is told  # a prose report naming the first tells the item
    # a gallery standing for its story gives way to the story's report in prose
    assert text_report(gallery, gallery, [gallery, prose]) is prose
    assert text_report(gallery, gallery, [gallery]) is gallery  # nothing else to tell it by


def test_an_item_headed_by_a_gallery_is_told_from_the_prose_report() -> None:
    gallery = art("g", GALLERY_TITLE, GALLERY, "20:51", outlet="中新社")
    prose = art("p", PROSE_TITLE, PROSE, "21:24", outlet="新华社")
    [item] = compose([gallery, prose]).items
    assert item.title.startswith("2023年长春航空展开幕") and "八一" in item.title
    assert "歼-20以四机编队" in item.text and "动力伞" not in item.text and "军乐团" not in item.text
    # the headline's first, told once from the gallery's caption (as the page writes designations)
    assert item.text.count(FIRST.replace("歼10C", "歼-10C")) == 1
