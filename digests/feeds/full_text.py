"""``full_text = true``: a summary-only feed's new entries get the main text of their linked page.

Only entries the store does not hold yet are fetched (an entry's page is read once, not every
poll), at most ``MAX_PAGES`` per poll of one source; each page through the same guarded fetcher
(SSRF checks, per-host limit, timeout) with its own size cap, its text extracted in a thread.
A page that fails or yields less text than the entry already has leaves the entry as it was.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Sequence
from dataclasses import dataclass, replace

from digests.feeds.fetch import Fetcher, FetchError
from digests.feeds.pages import main_text
from digests.feeds.parse import Entry

MAX_PAGES = 100
ACCEPT_PAGES = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class PageResult:
    entries: tuple[Entry, ...]
    fetched: int = 0  # pages whose text replaced the entry's
    cut: int = 0  # pages cut at the size cap


async def with_full_text(entries: Sequence[Entry], fetcher: Fetcher, *, new: set[int], max_bytes: int) -> PageResult:
    """``entries`` with the ones at the indexes in ``new`` (and a link) filled from their pages."""
    wanted = [i for i in sorted(new) if entries[i].link][:MAX_PAGES]
    pages = await asyncio.gather(*(_page(entries[i], fetcher, max_bytes) for i in wanted))
    out = list(entries)
    fetched = cut = 0
    for i, (text, truncated) in zip(wanted, pages):
        cut += truncated
        if text and len(text) > len(_plain(out[i].html)):
            title = " ".join(out[i].title.split())
            # The page repeats the headline as its first block: the article has it as its title.
            kept = [p for p in text.split("\n\n") if " ".join(p.split()) != title]
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in kept)
            out[i] = replace(out[i], html=paragraphs)
            fetched += 1
    return PageResult(tuple(out), fetched, cut)


async def _page(entry: Entry, fetcher: Fetcher, max_bytes: int) -> tuple[str | None, bool]:
    assert entry.link is not None
    try:
        page = await fetcher.get(entry.link, headers={"Accept": ACCEPT_PAGES}, max_bytes=max_bytes)
    except FetchError:
        return None, False  # the entry keeps its summary; the feed itself was read fine
    text = await asyncio.to_thread(main_text, page.body, page.content_type, url=page.url)
    return text, page.truncated


def _plain(markup: str) -> str:
    """Roughly the text of the entry's own HTML (only to compare lengths)."""
    out, inside = [], False
    for ch in markup:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out).strip()
