"""A document's release joined to what it decides when the headline names it (digests/document_joined.py)."""

from __future__ import annotations

from digests.document_joined import release_joined

TITLE = "四部门发布对部分无人机实施出口管制公告"
RELEASE = "31日，商务部、海关总署、国家国防科工局、中央军委装备发展部发布关于对部分无人机实施出口管制的公告。"
DECIDES = "公告决定对特定无人驾驶航空飞行器实施临时出口管制。公告自2023年9月1日起正式实施。"


def test_an_opening_that_only_releases_the_headlines_document_goes_on_to_what_it_decides() -> None:
    assert release_joined(TITLE, RELEASE + DECIDES) == (
        "31日，商务部、海关总署、国家国防科工局、中央军委装备发展部发布公告，决定对特定无人驾驶航空飞行器实施临时出口管制。"
        "公告自2023年9月1日起正式实施。"
    )


def test_a_document_the_headline_does_not_name_or_a_next_sentence_on_something_else_is_left_as_written() -> None:
    other = "商务部回应无人机出口问题"  # the document's name is news under this headline
    assert release_joined(other, RELEASE + DECIDES) == RELEASE + DECIDES
    elsewhere = "大疆表示将严格遵守出口管制法律法规。"
    assert release_joined(TITLE, RELEASE + elsewhere) == RELEASE + elsewhere
    notice = "31日，四部门发布关于对部分无人机实施出口管制的通知。公告决定对特定无人机实施临时出口管制。"
    assert release_joined(TITLE, notice) == notice  # a notice, then another document's words
