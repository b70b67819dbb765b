"""A draft put out for comment is dated by the day its issuer's release was reported."""

from __future__ import annotations

from digests.clock import NEWS_ZONE
from digests.draft_dated import document_dated, draft_dated
from tests.test_dedup import art

TEXT = "国家互联网信息办公室起草了《个人信息保护合规审计管理办法(征求意见稿)》。意见反馈截止时间为2023年9月2日。"
RELEASE = art(
    "cac",
    "关乎个人信息保护 国家网信办公开征求意见",
    "据“网信中国”微信公众号消息，国家互联网信息办公室发布关于《个人信息保护合规审计管理办法（征求意见稿）》公开征求意见的通知。",
    "12:21",
    day=3,
)
RETOLD = art("pd", "网信办征求意见", TEXT, "15:13", day=3)


def test_a_draft_only_said_to_be_drafted_is_dated_by_the_day_its_release_was_reported() -> None:
    dated = draft_dated(TEXT, [RETOLD, RELEASE], tz=NEWS_ZONE)
    assert dated.startswith("国家互联网信息办公室3日公布《个人信息保护合规审计管理办法(征求意见稿)》。")
    assert dated.endswith("意见反馈截止时间为2023年9月2日。")


def test_a_draft_is_not_dated_without_a_report_of_its_release() -> None:
    assert draft_dated(TEXT, [RETOLD], tz=NEWS_ZONE) == TEXT
    plain = "国家互联网信息办公室发布新规。"
    assert draft_dated(plain, [RETOLD, RELEASE], tz=NEWS_ZONE) == plain


def test_a_text_opening_on_a_document_is_dated_by_the_day_its_report_says_it_was_published() -> None:
    text = "国家发改委《关于恢复和扩大消费的措施》要求把恢复和扩大消费摆在优先位置。"
    report = art(
        "cns",
        "国办转发国家发改委恢复和扩大消费措施",
        "《国务院办公厅转发国家发展改革委关于恢复和扩大消费措施的通知》7月31日对外公布。" + text,
        "19:18",
        day=3,
    )
    dated = "国家发改委《关于恢复和扩大消费的措施》31日公布，要求把恢复和扩大消费摆在优先位置。"
    assert document_dated(text, report) == dated
    assert document_dated(dated, report) == dated  # dated once
    assert document_dated("国家发改委31日表示，《措施》要求…。", report) == "国家发改委31日表示，《措施》要求…。"
    undated = art("u", "国办转发", "国家发改委的措施要求把恢复和扩大消费摆在优先位置。", "19:18", day=3)
    assert document_dated(text, undated) == text  # no report of its release, no day guessed
