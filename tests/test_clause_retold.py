"""A headline's clause is not said again as a sentence of the text (digests/restated.py)."""

from __future__ import annotations

from datetime import date, datetime

from digests.final_text import final_text
from digests.restated import clause_not_retold

TITLE = "北京门头沟暴雨致2人死亡，海河流域发生流域性较大洪水"


def test_a_later_sentence_that_only_says_a_headline_clause_goes() -> None:
    text = "门头沟区在河道中发现2人，均已失去生命体征。全市共转移群众5.2万多人。海河流域发生流域性较大洪水。国家启动Ⅳ级救灾应急响应。"
    assert clause_not_retold(TITLE, text) == (
        "门头沟区在河道中发现2人，均已失去生命体征。全市共转移群众5.2万多人。国家启动Ⅳ级救灾应急响应。"
    )
    shown = final_text(TITLE, text, written=date(2023, 7, 31), read=datetime(2023, 8, 1, 8))
    assert "海河流域发生流域性较大洪水" not in shown


def test_a_sentence_that_tells_more_than_the_clause_or_opens_the_text_stays() -> None:
    more = "全市共转移群众5.2万多人。截至31日，海河流域发生流域性较大洪水，16条河流超警。"
    assert clause_not_retold(TITLE, more) == more
    opening = "海河流域发生流域性较大洪水。16条河流发生超警以上洪水。"
    assert clause_not_retold(TITLE, opening) == opening


def test_a_headlines_record_is_said_once_its_figure_said_of_the_records_subject() -> None:
    from digests.restated import record_said_once

    title = "国家发改委：入夏以来全国日调度发电量三创历史新高"
    text = "欧鸿表示，入夏以来全国日调度发电量三创历史新高，最高达到301.71亿千瓦时，较去年峰值高出15.11亿千瓦时。"
    assert (
        record_said_once(title, text)
        == "欧鸿表示，入夏以来全国日调度发电量最高达到301.71亿千瓦时，较去年峰值高出15.11亿千瓦时。"
    )
    # a record the text goes on from with more than its figure, or one the headline does not state, stays
    on = "欧鸿表示，入夏以来全国日调度发电量三创历史新高，保供形势总体平稳。"
    assert record_said_once(title, on) == on
    other = "全国最高用电负荷两创历史新高，最高达到13.39亿千瓦。"
    assert record_said_once(title, other) == other


def test_a_later_sentence_naming_who_said_a_headline_clause_with_a_word_added_goes() -> None:
    title = "惠誉回应下调美国信用评级：债务堆积如山 数据不言自明"
    text = "惠誉首席分析师弗朗西斯说，美国的债务占其经济产出的113%。弗朗西斯认为，数据已不言自明。他对赤字表示担忧。"
    assert (
        clause_not_retold(title, text) == "惠誉首席分析师弗朗西斯说，美国的债务占其经济产出的113%。他对赤字表示担忧。"
    )
    # a clause with more than a word added says something of its own
    more = "惠誉首席分析师弗朗西斯说，债务很高。弗朗西斯认为，这些数据早已不再言自明。"
    assert clause_not_retold(title, more) == more
