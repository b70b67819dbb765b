"""Benchmark the daily digest on real days against "newest first, first sentence".

Usage::

    python benchmarks/bench_digest.py [--data ../shared/data] [--day-size 48] [--docs docs/digest-side-by-side.md]

Days:

* the posts under ``posts/`` and ``seed/``, grouped by calendar day (Asia/Shanghai);
* articles-dev.jsonl regrouped into days: its items are in publication order, so
  consecutive runs of ``--day-size`` items form a day, spread 08:00–20:00 in that
  order (items with a real time keep it and are grouped by their own day).

Per method, over all days with at least 8 articles:

* **multi-outlet stories in the top 8** – stories (by digests/dedup.py) that two or
  more outlets carried, and the share of them shown in the first eight items
  (goal 100%);
* **items per story** – shown items divided by distinct stories among them, judged
  by an independent rule (identical normalised titles, 5-gram containment of the
  shorter body ≥ 0.7, or headline character-bigram Dice ≥ 0.5); goal 1;
* **reading-rule violations** in the shown texts (digests/violations.py).

The baseline shows the eight newest articles with the first sentence of each
(plain split on 。！？), cut at the same 120 characters.  ``--docs`` writes the
two digests side by side for three days (the posts' day and the two regrouped
days with the most multi-outlet stories) so a reader can judge.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digests.dedup import normalize  # noqa: E402
from digests.digest import compose_digest, day_window  # noqa: E402
from digests.grouping import find_stories  # noqa: E402
from digests.ingest import summarized  # noqa: E402
from digests.posts import PostError, decode_post, parse_post  # noqa: E402
from digests.records import Article  # noqa: E402
from digests.render import render_digest_text  # noqa: E402
from digests.sentences import split_sentences  # noqa: E402
from digests.violations import violations  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
TOP = 8
MAX_CHARS = 120
KINDS = ("dangling", "short_name", "enumeration", "mid_number", "stray_space")


@dataclass(frozen=True)
class Shown:
    """One item as a reader sees it."""

    title: str
    text: str
    outlets: str
    when: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Day:
    name: str
    day: date
    articles: tuple[Article, ...]


# --- days -------------------------------------------------------------------------------------


def post_days(data: Path) -> list[Day]:
    by_day: dict[date, list[Article]] = defaultdict(list)
    for folder in ("posts", "seed"):
        for path in sorted((data / folder).glob("*.md")):
            try:
                article = summarized(parse_post(decode_post(path.read_bytes()), tz=TZ, filename=str(path)).article)
            except PostError as exc:
                print(f"{path}: skipped: {exc}", file=sys.stderr)
                continue
            by_day[article.published.astimezone(TZ).date()].append(article)
    return [Day(f"posts {d}", d, tuple(arts)) for d, arts in sorted(by_day.items())]


def article_days(path: Path, size: int) -> list[Day]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    untimed = [r for r in rows if not r.get("time") or r["time"] == "None"]
    days = []
    base = date(2022, 1, 3)
    for n, start in enumerate(range(0, len(untimed), size)):
        chunk = untimed[start : start + size]
        if len(chunk) < TOP:
            continue
        day = base + timedelta(days=n)
        step = timedelta(hours=12) / max(1, len(chunk))
        first = datetime.combine(day, time(8, 0), tzinfo=TZ)
        arts = tuple(_article(r, first + k * step) for k, r in enumerate(chunk))
        days.append(Day(f"articles-dev day {n + 1}", day, arts))
    return days


def _article(row: dict, published: datetime) -> Article:
    paragraphs = tuple(p.strip() for p in (row.get("content") or "").split("\n") if p.strip())
    source = row.get("source")
    return summarized(
        Article(
            id=row["id"],
            title=row.get("title") or "",
            published=published.astimezone(UTC),
            paragraphs=paragraphs,
            outlet=source if source and source != "None" else None,
        )
    )


# --- the two digests --------------------------------------------------------------------------


def ours(day: Day) -> list[Shown]:
    since, until = day_window(day.day, TZ)
    digest = compose_digest(
        day.articles,
        category_slug="bench",
        category_name="bench",
        since=since,
        until=until,
        tz=TZ,
        top_n=TOP,
        max_chars=MAX_CHARS,
    )
    return [
        Shown(
            item.title,
            item.text,
            "、".join(item.outlets) or "–",
            item.published.astimezone(TZ).strftime("%H:%M"),
            item.article_ids,
        )
        for item in digest.items
    ]


_PLAIN_SPLIT = re.compile(r"(?<=[。！？!?])")


def first_sentence(article: Article) -> str:
    for paragraph in article.paragraphs:
        for sentence in _PLAIN_SPLIT.split(paragraph):
            if sentence.strip():
                s = sentence.strip()
                return s if len(s) <= MAX_CHARS else s[: MAX_CHARS - 1] + "…"
    return ""


def newest_first(day: Day) -> list[Shown]:
    since, until = day_window(day.day, TZ)
    window = [a for a in day.articles if since < a.published <= until]
    window.sort(key=lambda a: (a.published, a.id), reverse=True)
    return [
        Shown(a.title, first_sentence(a), a.outlet or "–", a.published.astimezone(TZ).strftime("%H:%M"), (a.id,))
        for a in window[:TOP]
    ]


METHODS: dict[str, Callable[[Day], list[Shown]]] = {"ours": ours, "newest first + Lead-1": newest_first}


# --- measures ---------------------------------------------------------------------------------


def _grams(text: str, k: int = 5) -> set[str]:
    return {text[i : i + k] for i in range(max(0, len(text) - k + 1))}


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(max(0, len(text) - 1))}


def judge_same(a: Article, b: Article) -> bool:
    """Independent same-story judge for shown items (not digests/dedup.py)."""
    ta, tb = normalize(a.title), normalize(b.title)
    if ta and ta == tb:
        return True
    ga, gb = _grams(normalize(a.body)), _grams(normalize(b.body))
    small, large = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    if small and len(small & large) / len(small) >= 0.7:
        return True
    ba, bb = _bigrams(ta), _bigrams(tb)
    return bool(ba and bb) and 2 * len(ba & bb) / (len(ba) + len(bb)) >= 0.5


def distinct_stories(shown: Sequence[Shown], by_id: dict[str, Article]) -> int:
    reps = [by_id[item.article_ids[0]] for item in shown]
    parent = list(range(len(reps)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for i in range(len(reps)):
        for j in range(i + 1, len(reps)):
            if judge_same(reps[i], reps[j]):
                parent[find(j)] = find(i)
    return len({find(i) for i in range(len(reps))})


def measure(days: Sequence[Day]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name, method in METHODS.items():
        multi = multi_shown = items = stories = 0
        kinds = dict.fromkeys(KINDS, 0)
        for day in days:
            by_id = {a.id: a for a in day.articles}
            shown = method(day)
            shown_ids = {aid for item in shown for aid in item.article_ids}
            for story in find_stories(sorted(day.articles, key=lambda a: (a.published, a.id))):
                if len(story.outlets) >= 2:
                    multi += 1
                    multi_shown += any(a.id in shown_ids for a in story.articles)
            items += len(shown)
            stories += distinct_stories(shown, by_id)
            for item in shown:
                article = by_id[item.article_ids[0]]
                # The reader sees the headline above the text: it may introduce a short name.
                source = [article.title] + [s.text for s in split_sentences(list(article.paragraphs)) if s.is_content]
                shown_lines = [item.title] + ([item.text] if item.text else [])
                for kind, count in violations(shown_lines, source).items():
                    kinds[kind] += count
        out[name] = {
            "days": len(days),
            "multi": multi,
            "multi_shown": multi_shown,
            "items": items,
            "stories": stories,
            **{k: float(v) for k, v in kinds.items()},
        }
    return out


def render_table(title: str, results: dict[str, dict[str, float]]) -> str:
    lines = [
        f"**{title}**",
        "",
        "| method | days | multi-outlet stories | … in the top 8 | items | distinct stories | items per story | "
        + " | ".join(KINDS)
        + " |",
        "|---|" + "---:|" * (6 + len(KINDS)),
    ]
    for name, r in results.items():
        share = f"{int(r['multi_shown'])} ({100 * r['multi_shown'] / r['multi']:.0f}%)" if r["multi"] else "–"
        per = r["items"] / r["stories"] if r["stories"] else 0.0
        lines.append(
            f"| {name} | {int(r['days'])} | {int(r['multi'])} | {share} | {int(r['items'])} | {int(r['stories'])} | "
            f"{per:.2f} | " + " | ".join(str(int(r[k])) for k in KINDS) + " |"
        )
    return "\n".join(lines)


def side_by_side(days: Sequence[Day]) -> str:
    parts = [
        "# Digest side by side: ours vs “newest first, first sentence”",
        "",
        "Written by `python benchmarks/bench_digest.py --docs docs/digest-side-by-side.md` from `../shared/data`",
        "(see the benchmark's docstring for how days are built).  Left: what `newsbot digest` shows (top 8,",
        "120 characters per item).  Right: the eight newest articles with their first sentence.",
        "",
    ]
    for day in days:
        parts.append(f"## {day.name} ({len(day.articles)} articles)\n")
        for name, method in METHODS.items():
            parts.append(f"### {name}\n")
            for number, item in enumerate(method(day), start=1):
                parts.append(f"{number}. **{item.title}**  ")
                if item.text:
                    parts.append(f"   {item.text}  ")
                parts.append(f"   _{item.outlets} · {item.when}_")
                parts.append("")
        if day.name.startswith("posts"):
            since, until = day_window(day.day, TZ)
            digest = compose_digest(
                day.articles, category_slug="emnews", category_name="东财滚动新闻", since=since, until=until, tz=TZ
            )
            parts.append("### ours, as rendered (plain text)\n")
            parts.append("```\n" + "\n\n".join(render_digest_text(digest)) + "\n```\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="folder with posts/, seed/ …")
    ap.add_argument("--day-size", type=int, default=48, help="articles-dev items per regrouped day")
    ap.add_argument("--docs", type=Path, help="write the side-by-side text of three days here")
    args = ap.parse_args(argv)
    if not (args.data / "articles-dev.jsonl").is_file():
        ap.error(f"no articles-dev.jsonl under {args.data} (use --data)")
    posts = [d for d in post_days(args.data) if len(d.articles) >= TOP]
    regrouped = article_days(args.data / "articles-dev.jsonl", args.day_size)
    print(render_table(f"Posts days ({sum(len(d.articles) for d in posts)} posts)", measure(posts)))
    print()
    print(render_table(f"articles-dev regrouped into days of {args.day_size}", measure(regrouped)))
    if args.docs:

        def multi(day: Day) -> int:
            return sum(1 for s in find_stories(list(day.articles)) if len(s.outlets) >= 2)

        chosen = posts[:1] + sorted(regrouped, key=lambda d: (-multi(d), d.day))[:2]
        args.docs.parent.mkdir(parents=True, exist_ok=True)
        args.docs.write_text(side_by_side(chosen), encoding="utf-8")
        print(f"\nwrote {args.docs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
