"""A speaker named as the report first names them: 毛宁表示，… is 外交部发言人毛宁表示，… to a reader who
meets the sentence without the paragraphs that introduced her."""

from __future__ import annotations

from digests import hanzi
from digests.records import Article

__all__ = ["titled"]

# 毛宁表示，…: a sentence opening on a bare name, its title given earlier in the report.
_BARE_SPEAKER = hanzi.compile(r"^(?P<name>[\u4e00-\u9fff]{2,3})(?=表示|说|指出|强调|称|回应|介绍)")
_TITLE = r"[\u4e00-\u9fff]{2,10}?(?:发言人|副部长|部长|主任|局长|书记|主席|总统|首相|总理|大使|司长|行长|秘书长|负责人)"
_READ = 20  # paragraphs searched for the title: bounded, however long the report


def titled(sentence: str, article: Article) -> str:
    """``sentence`` with its bare opening speaker given the title ``article`` names them by (外交部发言人
    毛宁表示，…); unchanged when it opens on no bare name or the report gives no title."""
    bare = _BARE_SPEAKER.match(sentence)
    if bare is None:
        return sentence
    name = bare.group("name")
    pattern = hanzi.compile(rf"({_TITLE}){name}")
    for paragraph in article.paragraphs[:_READ]:
        found = pattern.search(paragraph)
        if found is not None:
            title = found.group(1).removeprefix("中国")
            return title + sentence
    return sentence
