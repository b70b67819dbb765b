"""A document's directive, cut from under its heading, is said to be the document's."""

from __future__ import annotations

from datetime import date, datetime

from digests.directives import directives_attributed
from digests.final_text import final_text

REQUIRES = "在稳定大宗消费方面，《措施》要求优化汽车购买使用管理。"
BARE = "落实构建高质量充电基础设施体系、支持新能源汽车下乡等政策。"


def test_a_bare_directive_after_what_the_document_requires_is_the_documents() -> None:
    told = "《措施》还要求落实构建高质量充电基础设施体系、支持新能源汽车下乡等政策。"
    assert directives_attributed(REQUIRES + BARE) == REQUIRES + told
    assert final_text(
        "国办转发恢复和扩大消费措施", REQUIRES + BARE, written=date(2023, 7, 31), read=datetime(2023, 8, 1, 8)
    ).endswith(told)


def test_a_directive_with_no_document_named_before_it_or_with_its_own_subject_is_left_alone() -> None:
    assert directives_attributed(BARE + REQUIRES) == BARE + REQUIRES  # nothing named before it
    subject = "各地区不得新增汽车限购措施。"
    assert directives_attributed(REQUIRES + subject) == REQUIRES + subject
