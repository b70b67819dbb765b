"""A report is cited by the outlet that made it, not the one that relayed it (digests/lede_trim.py)."""

from __future__ import annotations

from datetime import date, datetime

from digests.final_text import final_text
from digests.lede_trim import unrelayed


def test_a_relayed_reports_citation_names_the_outlet_that_made_it() -> None:
    text = "据央视新闻，总统府发表声明。据环球网援引法新社26日报道，一名消息人士称，总统已被扣押。"
    assert unrelayed(text) == "据央视新闻，总统府发表声明。据法新社26日报道，一名消息人士称，总统已被扣押。"
    # on the page too, wherever the sentence stands
    shown = final_text("尼日尔总统据报被扣押", text, written=date(2023, 7, 26), read=datetime(2023, 7, 27, 8))
    assert "援引" not in shown and "据法新社26日报道" in shown


def test_a_quote_a_body_gave_or_a_relay_mid_sentence_is_left_alone() -> None:
    quoted = "外交部发言人援引联合国数据说，难民已超过百万。"
    assert unrelayed(quoted) == quoted
    mid = "消息人士称，据环球网援引法新社报道，总统已被扣押。"
    assert unrelayed(mid) == mid


def test_a_report_is_cited_by_its_outlet_not_the_outlets_column() -> None:
    text = "事发后，两辆车坠入。据新京报我们视频报道，白色汽车驾驶员被救起。"
    assert unrelayed(text) == "事发后，两辆车坠入。据新京报报道，白色汽车驾驶员被救起。"
    plain = "据新京报报道，白色汽车驾驶员被救起。"
    assert unrelayed(plain) == plain


def test_a_check_pasted_as_notes_is_told_by_who_made_it() -> None:
    notes = "白色汽车驾驶员被合力救起。坑内另一辆黑色汽车相关信息高速交警已核实，暂无人员伤亡。"
    told = "白色汽车驾驶员被合力救起。经高速交警核实，坑内另一辆黑色汽车暂无人员伤亡。"
    assert unrelayed(notes) == told
    assert unrelayed("相关情况正在核实中。") == "相关情况正在核实中。"  # nothing checked yet: left alone
