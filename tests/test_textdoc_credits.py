"""Credits read from a headline-less text: the report's own outlet, never a phrase around it."""

from __future__ import annotations

from tests.test_textdoc import art


def test_a_report_whose_reporter_interviewed_someone_is_that_outlets_and_its_own_credit_comes_first() -> None:
    a = art(
        "2023年空军航空开放活动·长春航空展26日在长春开幕。多支飞行表演队共舞蓝天。"
        "空军运油-20飞行员王宇凌就飞行展示的实战意义接受新华社记者专访。“此次共展示3类技战术动作。”王宇凌说。"
    )
    assert a.outlet == "新华社"
    b = art("长春航空展开幕。飞行员接受新华社记者采访时说，很自豪。  红星新闻首席记者 吴阳 长春报道")
    assert b.outlet == "红星新闻"
    assert art("长春航空展开幕。飞行员接受记者采访时说，很自豪。").outlet is None  # no outlet named
