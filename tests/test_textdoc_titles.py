"""The headline of a stream text whose 原标题 is said twice (digests/textdoc.original_title)."""

from __future__ import annotations

from datetime import UTC, datetime

from digests.itemtext import at_home, key_text
from digests.textdoc import article_from_text

WHEN = datetime(2023, 7, 26, 8, 16, tzinfo=UTC)


def test_a_headline_glued_to_its_variant_for_readers_abroad_is_said_once_and_its_lede_kept() -> None:
    text = (
        "原标题：最高检：今年上半年检察机关共起诉金融犯罪1.1万人中国最高检：今年上半年检察机关共起诉金融犯罪1.1万人 "
        "中新社北京7月26日电 (记者张素)中国最高人民检察院26日发布数据显示，今年1月至6月，检察机关共起诉金融犯罪1.1万人，"
        "不起诉2000余人。最高人民检察院案件管理办公室负责人介绍，今年上半年，检察机关共起诉洗钱罪1019人。"
    )
    article = article_from_text("spp", text, WHEN, category="stream")
    assert article.title == "最高检：今年上半年检察机关共起诉金融犯罪1.1万人"
    # the lede adds who published the figures and when, and one more figure: it opens the text
    assert key_text(article, 160).startswith("最高人民检察院26日发布数据显示")
    assert at_home("中国最高人民检察院26日发布数据") == "最高人民检察院26日发布数据"  # at home, no wire's 中国
