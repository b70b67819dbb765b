"""A programme's formulas are left out, but not the document it promises (digests/lede_trim.py), and a
quote's bare speaker gets the title the report names them by (digests/speakers.py)."""

from __future__ import annotations

from digests.itemtext import key_text
from digests.lede_trim import document_promised
from digests.speakers import quote_titled
from tests.test_dedup import art

FORMULAS = "制定出台金融支持民营企业的指导性文件，推动商业银行优化内控管理制度，做好政策宣传解读，加强典型经验推广。"


def test_a_programmes_formulas_are_cut_to_the_document_it_promises() -> None:
    assert document_promised(FORMULAS) == "制定出台金融支持民营企业的指导性文件。"
    # formulas that promise no document are left for the filter that drops them
    plain = "推动商业银行优化内控管理制度，做好政策宣传解读，加强典型经验推广。"
    assert document_promised(plain) == plain
    # a sentence with something checkable is no programme
    dated = "制定出台指导性文件，推动商业银行优化制度，做好宣传，9月起实施。"
    assert document_promised(dated) == dated


def test_the_promised_document_runs_on_in_the_speakers_agenda() -> None:
    report = art(
        "pboc",
        "中国人民银行：引导金融资源更多流向民营经济",
        "3日，中国人民银行行长潘功胜在座谈会上表示，人民银行要精准有力实施稳健的货币政策，保持流动性合理充裕，"
        "加强金融、财政、产业等政策协调配合，引导金融资源更多流向民营经济。"
        + FORMULAS
        + "支持地方政府主动解决拖欠企业账款问题。",
        "21:20",
        outlet="央视新闻",
    )
    text = key_text(report, 300, headline=report.title)
    assert "引导金融资源更多流向民营经济，制定出台金融支持民营企业的指导性文件，支持地方政府" in text
    assert "做好政策宣传解读" not in text


def test_a_quotes_bare_speaker_is_given_the_title_the_report_names_them_by() -> None:
    report = art(
        "t",
        "美国财政部：惠誉下调评级的影响有限",
        "财政部主管金融市场事务的助理部长Josh Frost周三对记者表示，影响有限。",
    )
    text = "官员表示，影响有限。“美债仍然是世界上最安全的资产，”Frost说。"
    assert quote_titled(text, report) == "官员表示，影响有限。“美债仍然是世界上最安全的资产，”助理部长Frost说。"
    # named with the title already, or unknown to the report, the speaker is left be
    titled = "助理部长Frost表示，影响有限。“美债是最安全的资产，”Frost说。"
    assert quote_titled(titled, report) == titled
    assert quote_titled("“美债是最安全的资产，”Smith说。", report) == "“美债是最安全的资产，”Smith说。"
