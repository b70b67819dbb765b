"""An item's text does not open by saying its headline again (digests/restated.py)."""

from digests.restated import text_after


def test_a_texts_opening_clause_that_is_its_headline_goes_unless_a_bare_figure_would_open_it() -> None:
    title = "财政部2年期续发国债中标利率为2.4576%"
    whole = title + "，边际利率为2.4823%，全场倍数为3.7。"
    assert text_after(title, whole) == whole  # 边际利率为… alone names no bond
    assert text_after("A股全线走强", "A股全线走强，沪指站上3600点。") == "沪指站上3600点。"


def test_the_headlines_clauses_go_from_the_first_sentence_and_its_when_stays() -> None:
    title = "A股早盘全线走强，上证指数站上3600点"
    text = "8日早盘，A股全线走强，上证指数站上3600点，创业板指、科创50均上涨近2%。两市超3300只个股上涨。"
    assert text_after(title, text) == "8日早盘，创业板指、科创50均上涨近2%。两市超3300只个股上涨。"


def test_a_first_sentence_that_only_retells_the_headline_goes_whole() -> None:
    title = "逼近6.35关口 在岸、离岸人民币对美元汇率双双刷新2018年5月以来高位"
    text = "12月8日，在岸、离岸人民币盘中双双走强，逼近6.35关口。截至上午10点55分，在岸人民币最高触及6.3515。"
    # its day stays with the time the next sentence tells
    assert text_after(title, text) == "12月8日，截至上午10点55分，在岸人民币最高触及6.3515。"
    # with nothing after it, the sentence is the text
    assert text_after(title, "12月8日，在岸、离岸人民币盘中双双走强，逼近6.35关口。") == (
        "12月8日，在岸、离岸人民币盘中双双走强，逼近6.35关口。"
    )


def test_the_text_stays_whole_when_what_is_left_only_goes_on_from_the_cut_clause() -> None:
    title = "入夏以来全国日调度发电量三创历史新高"
    text = "入夏以来全国日调度发电量三创历史新高，最高达到301.71亿千瓦时。"
    assert text_after(title, text) == text
    # a clause the headline does not tell is never cut
    assert text_after(title, "欧鸿表示，" + text) == "欧鸿表示，" + text


def test_a_closing_clause_of_the_first_sentence_that_is_the_headline_goes() -> None:
    title = "在岸、离岸人民币对美元汇率双双刷新2018年5月以来高位"
    text = "截至上午10点55分，在岸人民币对美元汇率最高触及6.3515，双双刷新2018年5月以来高位。人民币走强。"
    assert text_after(title, text) == "截至上午10点55分，在岸人民币对美元汇率最高触及6.3515。人民币走强。"
    # a later sentence's closing clause is its own
    later = "截至上午10点55分，在岸人民币最高触及6.3515。此后回落，双双刷新2018年5月以来高位。"
    assert text_after(title, later) == later


def test_a_run_of_sentences_each_retelling_the_headline_loses_only_the_first() -> None:
    title = "A股全线走强"
    text = "A股全线走强。" * 5000 + "沪指站上3600点。"
    assert text_after(title, text) == "A股全线走强。" * 4999 + "沪指站上3600点。"  # one pass, no deep recursion
