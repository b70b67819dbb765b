"""Articles from headline-less text: an honest headline, clean paragraphs, credited outlets only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digests.textdoc import article_from_text, split_paragraphs

WHEN = datetime(2023, 7, 26, 5, 50, tzinfo=UTC)


def art(text: str, source: str | None = None):  # type: ignore[no-untyped-def]
    return article_from_text("d1", text, WHEN, category="stream", source=source)


def test_the_original_title_is_the_headline_and_not_body_text() -> None:
    a = art(
        "原标题：香港故宫文化博物馆将推出多个全新展览                            本报香港7月25日电 （记者陈然）香港故宫文化博物馆25日表示，将更新常设专题展览。"
    )
    assert a.title == "香港故宫文化博物馆将推出多个全新展览"
    assert a.paragraphs == ("香港故宫文化博物馆25日表示，将更新常设专题展览。",)
    assert a.summary == ()


@pytest.mark.parametrize(
    ("text", "title", "first"),
    [
        # glued to a dateline
        (
            "原标题：伦敦股市2日下跌新华社伦敦8月2日电（记者黄泽民）英国伦敦股市2日报收于7561.63点。",
            "伦敦股市2日下跌",
            "英国伦敦股市2日报收于7561.63点。",
        ),
        # repeated by the page
        (
            "原标题：“爱心圆梦大学”助学行动启动“爱心圆梦大学”助学行动启动 来源：安徽日报近日，团省委决定开展助学行动。",
            "“爱心圆梦大学”助学行动启动",
            None,
        ),
        # glued to a byline
        (
            "原标题：反诈宣传获线索，罗田警方抓获涉诈嫌疑人极目新闻记者 董淑健通讯员 龚振杰近日，湖北罗田警方破获涉诈案。",
            "反诈宣传获线索，罗田警方抓获涉诈嫌疑人",
            "近日，湖北罗田警方破获涉诈案。",
        ),
        # glued to a date-led sentence
        (
            "原标题：村里娃过缤纷暑假8月2日，高州市大井镇社工站组织开展手工活动。",
            "村里娃过缤纷暑假",
            "8月2日，高州市大井镇社工站组织开展手工活动。",
        ),
    ],
)
def test_glued_original_titles(text: str, title: str, first: str | None) -> None:
    a = art(text)
    assert a.title == title
    if first is not None:
        assert a.paragraphs[0] == first
    assert not a.paragraphs[0].startswith(title)


def test_without_a_title_the_first_sentence_is_cut_cleanly_and_stays_in_the_body() -> None:
    text = (
        "7月24日，《长相思》正式开播，这部剧刚官宣定档的时候，网友都忍不住问这部剧能否成为热播剧。剧情讲述小夭的故事。"
    )
    a = art(text)
    assert len(a.title) <= 31 and a.title.endswith("…")
    assert a.paragraphs[0].startswith("7月24日，《长相思》正式开播")  # nothing lost


def test_a_short_first_line_is_a_headline_line() -> None:
    a = art("钱袋子要守住  近日，一位老年客户急匆匆地去到支行，要求汇款50万元。")
    assert a.title == "钱袋子要守住"
    assert a.paragraphs == ("近日，一位老年客户急匆匆地去到支行，要求汇款50万元。",)


def test_paragraphs_are_split_on_runs_of_spaces() -> None:
    assert split_paragraphs("第一段。  第二段。\xa0\xa0第三段。") == ["第一段。", "第二段。", "第三段。"]


def test_outlet_only_from_credit_forms_and_the_feed_is_a_tag() -> None:
    assert art("原标题：某地发布通知  社区开展活动。（警方通报）", source="搜狐").outlet is None
    a = art("原标题：某地发布通知  社区开展活动。来源：新华社返回搜狐，查看更多责任编辑：", source="搜狐")
    assert a.outlet == "新华社" and a.tags == ("搜狐",)
    assert a.paragraphs == ("社区开展活动。",)
    assert art("原标题：英国央行预计通胀降至5%  中新社伦敦8月3日电 英国央行3日发布报告。").outlet == "中新社"
    assert art("原标题：柬埔寨大选结果  据新华社报道，柬埔寨执政党人民党发言人说。").outlet == "新华社"


def test_a_glued_headline_ends_before_the_according_to_that_opens_the_body():
    from digests.textdoc import original_title

    found = original_title("原标题：酷暑致23人死亡，韩国高温预警升为最高级据新华社首尔8月2日电 韩国消防部门2日发布数据")
    assert found is not None and found[0] == "酷暑致23人死亡，韩国高温预警升为最高级"
