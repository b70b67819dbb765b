"""The text a story's item shows when its own report's does not tell it (digests/story_text.py)."""

from __future__ import annotations

from digests.story_text import story_text
from tests.test_dedup import art

TITLE = "2023年长春航空展开幕 八一飞行表演队换装歼10C首次国内公开亮相"
CAPTIONS = (
    "7月26日，2023年空军航空开放活动·长春航空展在吉林长春开幕。八一飞行表演队换装歼10C后首次在国内公开亮相表演。"
    "运油-20空中加油机与歼-20系列首次同框出现。“红鹰”飞行表演队进行8机表演。"
)
REPORT = (
    "多支飞行、跳伞表演队共舞蓝天，歼-20以四机编队进行机动飞行展示，运油-20首次与歼-20、歼-16进行空中加油通场展示，"
    "歼-10S、歼-11BS首次进行异型机模拟空战展示。"
)


def test_a_gallerys_captions_give_way_to_the_storys_report_told_in_sentences() -> None:
    gallery = art("g", TITLE, CAPTIONS, "20:51", outlet="中新社")
    photos = art("p", "长春航空展开幕", "换装歼-10C的八一飞行表演闪亮登场 IC PHOTO图多支飞行表演队共舞长空……", "16:35")
    report = art("r", "长春航空展在长春开幕", REPORT, "21:24")
    text = story_text(gallery, [photos, gallery, report], TITLE, 160)
    assert text.startswith("多支飞行、跳伞表演队共舞蓝天") and "异型机模拟空战" in text
    # with no report told in sentences (another gallery's credit), the captions stay
    assert story_text(gallery, [photos, gallery], TITLE, 160).startswith("7月26日，2023年空军航空开放活动")
