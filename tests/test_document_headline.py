"""A headline that is only a document's title is told by who issued it, its subject and what it forbids."""

from __future__ import annotations

from digests.document_headline import HEADLINE_MAX, document_headline
from digests.headlines import finished_headline

TITLE = "国务院办公厅转发国家发展改革委关于恢复和扩大消费措施的通知"
TEXT = (
    "《措施》要求把恢复和扩大消费摆在优先位置。在稳定大宗消费方面，《措施》要求优化汽车购买使用管理。"
    "各地区不得新增汽车限购措施，已实施限购的地区因地制宜优化汽车限购措施。"
)


def test_a_bare_document_title_is_told_by_its_issuer_subject_and_what_it_forbids() -> None:
    told = "国办转发国家发改委恢复和扩大消费措施：各地区不得新增汽车限购措施"
    assert document_headline(TITLE, TEXT) == told
    assert finished_headline(TITLE, TEXT) == told


def test_an_opinion_keeps_its_kind_and_a_headline_with_news_is_left_alone() -> None:
    opinion = "中共中央办公厅关于加强新时代检察机关法律监督工作的意见"
    text = "意见要求加强法律监督。各级机关不得干预司法活动，确保公正。"
    assert document_headline(opinion, text) == "中办加强新时代检察机关法律监督工作的意见：各级机关不得干预司法活动"
    assert document_headline("国办：各地区不得新增汽车限购措施", TEXT) == ""  # a headline that tells news


def test_a_headline_too_long_to_take_in_at_a_glance_keeps_the_title() -> None:
    title = "国务院办公厅转发国家发展改革委等十三部门关于促进家居消费若干措施的通知"
    assert len("国办转发国家发改委等十三部门促进家居消费若干措施：各地区不得新增汽车限购措施") > HEADLINE_MAX
    assert document_headline(title, TEXT) == ""
    assert document_headline(title.replace("等十三部门", ""), TEXT).startswith("国办转发国家发改委促进家居消费")


def test_a_document_whose_text_forbids_nothing_keeps_its_title() -> None:
    plain = "《措施》要求把恢复和扩大消费摆在优先位置，并推出二十条措施。"
    assert document_headline(TITLE, plain) == ""
    assert finished_headline(TITLE, plain) == TITLE
