"""Small shared helpers for tests (fixture paths, post text builders)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
POSTS = FIXTURES / "posts"
SEED = FIXTURES / "seed" / "2022-02-25-NW202202252289610354.md"


def make_post(
    title: str = "测试标题",
    body: str = "正文第一段。",
    *,
    date: str = "2022-03-01 09:00:00 +0800",
    categories: str = "testcat",
    tags: str = "测试新闻",
    url: str | None = "http://example.com/a/1",
) -> str:
    url_line = f"\n<{url}>\n" if url is not None else ""
    return (
        f'---\nlayout: post\ntitle: "{title}"\ndate: {date}\ncategories: {categories}\ntags: {tags}\n---\n\n'
        f"{body}\n{url_line}\n[返回测试新闻](../testcat/)\n[返回首页](../)\n"
    )
