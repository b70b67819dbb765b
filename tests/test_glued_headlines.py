"""Where a headline glued to its body (原标题：…) ends, on real stream lines (stream-dev.jsonl, shortened)."""

from __future__ import annotations

from datetime import UTC, datetime

from digests.textdoc import article_from_text, original_title


def test_a_glued_headline_ends_before_the_according_to_that_opens_the_body():
    found = original_title("原标题：酷暑致23人死亡，韩国高温预警升为最高级据新华社首尔8月2日电 韩国消防部门2日发布数据")
    assert found is not None and found[0] == "酷暑致23人死亡，韩国高温预警升为最高级"
    found = original_title("原标题：柬埔寨首相洪森宣布将卸任，接棒人是他的长子据央视新闻，柬埔寨首相洪森表示。")
    assert found is not None and found[0] == "柬埔寨首相洪森宣布将卸任，接棒人是他的长子"


def test_the_second_part_of_a_glued_headline_stays_in_the_headline_not_the_body():
    found = original_title(
        "原标题：尼日尔突发政变一周，外交部回应撤侨问题！提醒加强安全防范尼日尔突发政变一周有余，多国撤侨。"
    )
    assert found == ("尼日尔突发政变一周，外交部回应撤侨问题！提醒加强安全防范", "尼日尔突发政变一周有余，多国撤侨。")
    # A body that does not restate the headline keeps its first words.
    found = original_title("原标题：北京暴雨来袭！多地宣布停课，交通部门加强值守。")
    assert found == ("北京暴雨来袭！", "多地宣布停课，交通部门加强值守。")
    # A body opening with 今天，… starts there: the deck before it is the headline's.
    found = original_title("原标题：北京暴雨来袭！多地停课停工今天上午，多地宣布停课，交通部门加强值守。")
    assert found == ("北京暴雨来袭！多地停课停工", "今天上午，多地宣布停课，交通部门加强值守。")


def test_a_headline_quoted_twice_under_the_label_is_taken_once_and_the_body_starts_after_it() -> None:
    title = "服务民营经济发展壮大！最高法发布依法平等保护民营企业典型案例"
    found = original_title(f"原标题：{title}原标题：{title}今天，最高人民法院发布了11个典型案例。")
    assert found == (title, "今天，最高人民法院发布了11个典型案例。")
    # The second copy runs on into the body with no mark where: the body is what follows it.
    found = original_title(
        "原标题：厦门港与新加坡港缔结友好港原标题：厦门港与新加坡港缔结友好港厦门港与新加坡港签订合作协议"
    )
    assert found == ("厦门港与新加坡港缔结友好港", "厦门港与新加坡港签订合作协议")


def test_a_spokespersons_qa_transcript_opens_the_body_after_a_glued_headline():
    found = original_title(
        "原标题：赖清德拟“过境”窜美，外交部：中方敦促美方不得安排外交部发言人就赖清德拟“过境”窜美答记者问问：据报道，…"
    )
    assert found is not None and found[0] == "赖清德拟“过境”窜美，外交部：中方敦促美方不得安排"
    assert found[1].startswith("外交部发言人就")


def _art(text: str):  # type: ignore[no-untyped-def]
    return article_from_text("d1", text, datetime(2023, 8, 3, 8, tzinfo=UTC), category="stream")


def test_a_headline_of_decks_glued_to_a_body_that_restarts_with_its_first_deck_is_its_own_line() -> None:
    a = _art(
        "受降雨影响 黑龙江一高速公路桥梁发生部分塌陷 两车坠入受降雨影响，8月3日8时50分左右，"
        "G10绥满高速哈牡段部分路基被洪水冲毁，发生塌陷，导致道路交通中断。"
    )
    assert a.title == "受降雨影响 黑龙江一高速公路桥梁发生部分塌陷 两车坠入"
    assert a.paragraphs[0].startswith("受降雨影响，8月3日8时50分左右")
    # The first deck said again mid-clause is not a restart: the lede stays one sentence.
    b = _art("受降雨影响 黑龙江多地出现强降雨 多条道路受降雨影响出现积水，交警提醒绕行。")
    assert b.paragraphs == ("受降雨影响 黑龙江多地出现强降雨 多条道路受降雨影响出现积水，交警提醒绕行。",)


def test_a_headline_of_decks_glued_to_a_body_opening_on_who_spoke_ends_before_it() -> None:
    text = (
        "美国财政部：惠誉下调评级的影响有限 美债仍是最安全资产一名美国财政部高级别官员表示，"
        "惠誉下调美国AAA主权评级对美国国债的价格影响有限。Frost在简报会上做出上述表态。"
    )
    article = article_from_text("t", text, datetime(2023, 8, 2, 16, 25, tzinfo=UTC), category="s")
    assert article.title == "美国财政部：惠誉下调评级的影响有限 美债仍是最安全资产"
    assert article.paragraphs[0].startswith("一名美国财政部高级别官员表示，")
    # a first sentence with no headline of decks in front is the body's, as before
    plain = "美国财政部官员表示，惠誉下调评级对美国国债的价格影响有限，美债仍是最安全资产。"
    assert article_from_text("p", plain, datetime(2023, 8, 2, 16, 25, tzinfo=UTC), category="s").paragraphs[0] == plain
