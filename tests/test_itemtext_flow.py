"""Which of a report's sentences an item shows in a row: none whose antecedent was left out, no
photo caption standing between paragraphs (digests/itemtext.py)."""

from __future__ import annotations

from digests.itemtext import key_text
from tests.test_itemtext import SH, article


def test_a_sentence_leaning_on_one_left_out_is_left_out_with_it() -> None:
    # 他请求… points back at 洪森's broadcast, which only retold the lede and went: 他 would fall on 人民党.
    a = article(
        "柬埔寨首相洪森宣布将卸任",
        "柬埔寨首相洪森12月8日表示，他将不再担任首相，洪马内将领导新政府。人民党在选举中取得压倒性胜利。"
        "洪森当天在电视讲话中说，洪马内将领导新政府。他请求柬埔寨人民理解他的决定。",
    )
    text = key_text(a, 300, tz=SH)
    assert "人民党在选举中取得压倒性胜利。" in text
    assert "他请求" not in text


def test_a_short_paragraph_that_only_describes_a_scene_is_a_caption_not_news() -> None:
    a = article(
        "哈尔滨部分地区停课",
        "12月8日凌晨起，哈尔滨市开始持续降雨，局部累计降水量已达254.5毫米。",
        "哈尔滨市相关部门垒砌沙袋防止积水流入地下通道。",
        "哈尔滨市防汛抗旱指挥部发布通告，自8日15时起学校停课。",
    )
    text = key_text(a, 300, tz=SH)
    assert "垒砌沙袋" not in text and "学校停课" in text
    # a short paragraph that reports someone's word is news
    said = article("哈尔滨部分地区停课", "12月8日凌晨起，哈尔滨市开始降雨。", "市气象台表示降雨将持续。")
    assert "市气象台表示降雨将持续" in key_text(said, 300, tz=SH)


def test_the_post_someone_holds_is_a_profiles_line_not_the_news() -> None:
    a = article(
        "柬埔寨首相洪森宣布将卸任",
        "柬埔寨首相洪森12月8日表示，他将不再担任首相，洪马内将领导新政府。洪森现任柬埔寨首相、执政党人民党主席。"
        "柬国家选举委员会8日公布的初步计票结果显示，人民党取得压倒性胜利。",
    )
    text = key_text(a, 300, tz=SH)
    assert "现任" not in text and "人民党取得压倒性胜利" in text


def test_a_lede_reaches_past_the_sentences_it_passes_over() -> None:
    # 现任…, a retold broadcast and a sentence leaning on it go: the timetable after them is the lede's
    a = article(
        "柬埔寨首相洪森宣布将卸任",
        "柬埔寨首相洪森12月8日表示，他将不再担任首相，洪马内将领导新政府。洪森现任柬埔寨首相、执政党人民党主席。"
        "人民党取得压倒性胜利。人民党将组建新政府。洪森当天在电视讲话中说，洪马内将领导新政府。"
        "他请求柬埔寨人民理解他的决定。洪森还表示，新一届国民议会将于1月21日举行首次会议。",
    )
    assert "1月21日举行首次会议" in key_text(a, 300, tz=SH)
