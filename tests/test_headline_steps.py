"""A lede that tells a change by its steps is headed by where the change ended (digests/textdoc.py)."""

from __future__ import annotations

from tests.test_textdoc import art


def test_a_change_told_by_its_steps_is_headed_by_where_it_ended_and_its_lede_stays_whole() -> None:
    lede = (
        "今天（7月31日）上午，今年第6号台风“卡努”由台风级加强为强台风级，下午再度加强，成为超强台风，一天内连跳两级。"
    )
    a = art(lede + "预计“卡努”将向西北方向移动。")
    assert a.title == "今年第6号台风“卡努”成为超强台风"
    assert a.paragraphs[0].startswith(lede)
    # one step alone is the headline as it is
    b = art("今年第6号台风“卡努”由台风级加强为强台风级，中心附近最大风力14级。预计将向西北方向移动。")
    assert b.title.startswith("今年第6号台风“卡努”由台风级加强为强台风级")
