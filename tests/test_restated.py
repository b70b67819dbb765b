"""An item's text does not open by saying its headline again (digests/restated.py)."""

from digests.restated import named_once, text_after


def test_a_texts_opening_clause_that_is_its_headline_goes_unless_a_bare_figure_would_open_it() -> None:
    title = "财政部2年期续发国债中标利率为2.4576%"
    whole = title + "，边际利率为2.4823%，全场倍数为3.7。"
    # under a headline reading the bond's rate, its next measures read on from it, the bond named
    assert text_after(title, whole) == "财政部2年期续发国债边际利率为2.4823%，全场倍数为3.7。"
    # under one that reads no measure, 边际利率为… alone would name no bond
    opening = "财政部2年期续发国债中标，边际利率为2.4823%，全场倍数为3.7。"
    assert text_after("财政部2年期续发国债中标", opening) == opening
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


def test_a_total_told_again_to_open_its_breakdown_is_not_said_twice() -> None:
    from digests.restated import total_not_retold

    first = "美国国会众议院通过了总额约7682亿美元的2022财年国防授权法案。"
    later = "据介绍，2022财年国防授权法案最终版本授权的约7682亿美元，包括用于国防部开支的7400亿美元。"
    assert total_not_retold(first + later) == first + "其中包括用于国防部开支的7400亿美元。"
    # a total the text has not told yet is news where it stands
    assert total_not_retold(later + first) == later + first
    # and so is a clause with a figure of its own
    other = "据介绍，参议院版本授权的约7780亿美元，包括用于国防部开支的7400亿美元。"
    assert total_not_retold(first + other) == first + other


def test_a_storms_full_designation_is_told_once_then_its_name_alone() -> None:
    from digests.restated import named_once

    text = "31日，今年第6号台风“卡努”加强为超强台风。今年第6号台风“卡努”正逐渐靠近我国近海，受第6号台风“卡努”影响，东海将有巨浪。"
    assert (
        named_once(text)
        == "31日，今年第6号台风“卡努”加强为超强台风。“卡努”正逐渐靠近我国近海，受“卡努”影响，东海将有巨浪。"
    )
    # two storms are each named in full once
    two = "今年第5号台风“杜苏芮”减弱。今年第6号台风“卡努”加强。"
    assert named_once(two) == two


def test_a_flow_named_two_ways_is_named_one_way() -> None:
    from digests.restated import named_once

    text = "两市超3300只个股上涨，北上资金净流入70.39亿元。截至午后13:50，北向资金净流入达80亿元。"
    assert named_once(text) == "两市超3300只个股上涨，北向资金净流入70.39亿元。截至午后13:50，北向资金净流入达80亿元。"
    assert named_once("北上资金净流入70.39亿元。") == "北上资金净流入70.39亿元。"


def test_a_when_opens_the_text_once_the_headlines_clause_before_it_is_cut() -> None:
    title = "受降雨影响 黑龙江一高速公路桥梁发生部分塌陷 两车坠入"
    text = "受降雨影响，3日8时50分左右，哈牡高速一处桥梁发生塌陷。两辆小型车辆坠入。"
    assert text_after(title, text) == "3日8时50分左右，哈牡高速一处桥梁发生塌陷。两辆小型车辆坠入。"


def test_a_measures_newer_reading_closes_the_sentence_giving_its_earlier_one() -> None:
    from digests.restated import reading_joined

    text = "两市超3300只个股上涨，北向资金净流入70.39亿元。截至午后13:50，北向资金净流入达80亿元。"
    assert reading_joined(text) == "两市超3300只个股上涨，北向资金净流入70.39亿元，截至午后13:50增至80亿元。"
    fell = "上证指数报3600点。截至14:30，上证指数报3580点。"
    assert reading_joined(fell) == "上证指数报3600点，截至14:30降至3580点。"
    other = "北向资金净流入70.39亿元。截至午后13:50，南向资金净流出达20亿元。"
    assert reading_joined(other) == other  # another measure's reading is a fact of its own


def test_a_warnings_level_is_not_told_again_at_a_sentences_end() -> None:
    from digests.restated import level_not_retold

    text = "国家海洋预报台发布海浪黄色警报。预计东海东南部将出现5到7米的巨浪到狂浪区，近海海域海浪预警级别为黄色。"
    assert level_not_retold(text) == "国家海洋预报台发布海浪黄色警报。预计东海东南部将出现5到7米的巨浪到狂浪区。"
    other = "国家海洋预报台发布风暴潮蓝色警报。预计东海东南部将出现巨浪，近海海域海浪预警级别为黄色。"
    assert level_not_retold(other) == other  # the wave warning's level is news here


def test_a_day_that_opened_the_sentence_before_does_not_open_the_next_again() -> None:
    from digests.restated import date_once

    text = "台风正向东南沿海靠近。7月26日，中央气象台发布红色预警。26日，国家防总提升应急响应至三级。27日，福建停课。"
    assert (
        date_once(text)
        == "台风正向东南沿海靠近。7月26日，中央气象台发布红色预警。国家防总提升应急响应至三级。27日，福建停课。"
    )


def test_a_paper_the_text_has_named_is_not_called_new_again() -> None:
    text = "四部门发布关于对部分无人机实施出口管制的公告。新公告将特定无人机列入出口管制范围。"
    assert named_once(text) == "四部门发布关于对部分无人机实施出口管制的公告。公告将特定无人机列入出口管制范围。"
    fresh = "新规定自9月1日起施行，旧规定同时废止。"
    assert named_once(fresh) == fresh  # the first mention sets it against the old one
