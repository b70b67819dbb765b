"""Pages for ``full_text`` sources: bytes → text in the page's own encoding → the main text.

The encoding comes from the Content-Type header, else the page's ``<meta charset>``, else UTF-8
if the bytes are UTF-8, else GB18030 (a superset of GB2312 and GBK: what a Chinese page without a
declaration most likely is). GB2312/GBK declarations are read as GB18030 too, since pages that
declare GB2312 routinely use GBK characters. The main text is found by trafilatura (chosen over
readability-lxml by ``benchmarks/bench_fulltext.py``).
"""

from __future__ import annotations

import codecs
import re

import trafilatura

_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w-]{1,40})""", re.I)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([\w-]{1,40})", re.I)
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}


def page_encoding(body: bytes, content_type: str = "") -> str:
    declared = _HEADER.search(content_type)
    raw = declared.group(1) if declared else None
    if raw is None and (meta := _META.search(body[:4096])):
        raw = meta.group(1).decode("ascii", "ignore")
    if raw:
        try:
            name = codecs.lookup(raw).name
        except LookupError:
            name = ""
        if name:
            return _WIDER.get(name, _WIDER.get(raw.lower(), name))
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def decode_page(body: bytes, content_type: str = "") -> str:
    return body.decode(page_encoding(body, content_type), errors="replace")


def main_text(body: bytes, content_type: str = "", *, url: str | None = None) -> str | None:
    """The page's main text, paragraphs separated by blank lines; None if none was found."""
    text = trafilatura.extract(
        decode_page(body, content_type),
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=True,
        favor_precision=True,
    )
    if not text:
        return None
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
