"""Whose report it is, from the credits cleaning cut (digests/cut_credits.py)."""

from __future__ import annotations

from digests.boilerplate import Cleaned
from digests.cut_credits import reporters


def cut(*lines: str) -> Cleaned:
    return Cleaned((), None, lines)


def test_the_reporters_signing_a_report_are_credited_by_the_first_and_how_many_more() -> None:
    assert reporters(cut("返回搜狐，查看更多责任编辑：", "文/记者 杨洋 任秋宇 彭海龙编辑/王朝")) == "记者杨洋等"
    assert reporters(cut("记者：蔡肇宇")) == "记者蔡肇宇"
    assert reporters(cut("记者丨李严编辑丨王洹星")) == "记者李严"  # 丨 sets the name apart
    assert reporters(cut("记者 王慧慧 通讯员 宗雪")) == "记者王慧慧"  # a correspondent is not a reporter


def test_a_photo_credit_a_verb_or_a_name_run_into_the_next_word_names_no_reporter() -> None:
    assert reporters(cut("澎湃新闻记者 周頔 摄")) is None
    assert reporters(cut("本文转自：人民网人民网北京7月26日电 记者从今")) is None  # 记者从…获悉
    assert reporters(cut("记者：李茵摄像：黄国尊")) is None  # 李茵 or 李茵摄? not clearly named
    assert reporters(cut("编辑：王五")) is None
