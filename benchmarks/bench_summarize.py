"""Benchmark newsbot's summarizer against baselines and peer libraries.

Usage::

    python benchmarks/bench_summarize.py --data PATH.jsonl --sentences K [--limit N]
    python benchmarks/bench_summarize.py --all [--data-dir ../shared/data] [--limit N]

``--data`` lines carry ``id``, optional ``title``, ``article`` and the
reference ``summary``.  ``--all`` runs the three dev sets:

* summ-dev.jsonl (LCSTS; reference = headline), K=1;
* summ-long-dev.jsonl (broker reports; reference = analysts' bullets joined by ｜), K=3;
* articles-dev.jsonl, items whose ``source`` is 新华社: article = content,
  reference = title, K=1 (``--extra`` adds the other outlets' items the same way).

Nobody gets the title when the title is the reference.  Rows: ours, Lead-1,
Lead-2, Lead-3 (first sentences by a plain split on 。！？!?), SnowNLP ``summary()``,
textrank4zh ``TextRank4Sentence`` and sumy LexRank with a jieba tokenizer.
Peer sentences are put back in document order; ours and the peers see the
same raw article text (ours does its own sentence splitting and cleaning).  Scores are character-level
ROUGE-1/2/L F1 (rouge-score, one token per character, whitespace and
punctuation dropped), x100.  A peer that crashes on an article counts as an
empty output.  "ms/art" is wall time per article.  Needs the ``bench`` extra.

``--all`` ends with a table of reading-rule violations (digests/violations.py:
dangling openers, undefined 《》 short names, broken enumerations, cuts inside a
number, stray spaces) over every summary of the posts under ``posts/`` and
``seed/`` and of every article of the three files (all of articles-dev), at K = 1, 2, 3 and with the
digest's 120-character budget, ours against Lead-K (goal: 0 for ours).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from zoneinfo import ZoneInfo  # noqa: E402

from digests.summarizer import summarize  # noqa: E402

UTC8 = ZoneInfo("Asia/Shanghai")

Summarizer = Callable[[str, int], str]


class CharTokenizer:
    """rouge-score tokenizer: one token per character, no whitespace/punctuation."""

    def tokenize(self, text: str) -> list[str]:
        return [ch for ch in text.lower() if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S"))]


_PLAIN_SPLIT = re.compile(r"(?<=[。！？!?])")


def plain_sentences(text: str) -> list[str]:
    return [s.strip() for line in text.splitlines() for s in _PLAIN_SPLIT.split(line) if s.strip()]


def ours(text: str, k: int) -> str:
    return "".join(summarize(text, None, sentences=k))


def lead(k: int | None) -> Summarizer:
    def run(text: str, kk: int) -> str:
        return "".join(plain_sentences(text)[: k or kk])

    return run


def in_doc_order(text: str, picked: Iterable[str]) -> str:
    picked = list(picked)
    return "".join(sorted(picked, key=lambda s: text.find(s) if text.find(s) >= 0 else len(text)))


def snownlp_summary(text: str, k: int) -> str:
    from snownlp import SnowNLP

    return in_doc_order(text, SnowNLP(text).summary(k))


_TR4S = None


def textrank4zh_summary(text: str, k: int) -> str:
    global _TR4S
    import networkx

    if not hasattr(networkx, "from_numpy_matrix"):  # textrank4zh predates networkx 3
        networkx.from_numpy_matrix = networkx.from_numpy_array
    from textrank4zh import TextRank4Sentence

    if _TR4S is None:
        _TR4S = TextRank4Sentence()
    _TR4S.analyze(text=text, lower=True, source="all_filters")
    items = sorted(_TR4S.get_key_sentences(num=k), key=lambda it: it.index)
    return "".join(it.sentence for it in items)


class _JiebaSumyTokenizer:
    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._tok = jieba.Tokenizer()

    def to_sentences(self, text: str) -> list[str]:
        return plain_sentences(text)

    def to_words(self, sentence: str) -> list[str]:
        return [
            w
            for w in self._tok.lcut(sentence)
            if w.strip() and not all(unicodedata.category(c).startswith("P") for c in w)
        ]


_SUMY = None


def sumy_lexrank(text: str, k: int) -> str:
    global _SUMY
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    if _SUMY is None:
        _SUMY = (_JiebaSumyTokenizer(), LexRankSummarizer())
    tokenizer, summarizer = _SUMY
    doc = PlaintextParser.from_string(text, tokenizer).document
    return "".join(str(s) for s in summarizer(doc, k))


def load(path: Path, limit: int | None, need: tuple[str, ...] = ("article", "summary")) -> list[dict]:
    """JSON lines; lines that are not objects with the ``need`` text fields are reported and skipped."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                print(f"{path}:{lineno}: skipped: {exc}", file=sys.stderr)
                continue
            if not isinstance(row, dict) or not all(isinstance(row.get(f), str) for f in need):
                print(f"{path}:{lineno}: skipped: needs text fields {', '.join(need)}", file=sys.stderr)
                continue
            rows.append(row)
    return rows[:limit] if limit else rows


def load_xinhua(path: Path, limit: int | None, xinhua: bool = True) -> list[dict]:
    """articles-dev as (content → title) pairs: the 新华社 items, or (xinhua=False) all the others."""
    rows = [
        {"id": r["id"], "article": r["content"], "summary": r["title"]}
        for r in load(path, None, need=("content", "title"))
        if (r.get("source") == "新华社") == xinhua
    ]
    return rows[:limit] if limit else rows


def evaluate(rows: list[dict], k: int, methods: dict[str, Summarizer]) -> list[tuple]:
    """Score every method; articles are the outer loop so that load from other
    processes hits all methods alike (fairer ms/art ratios)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=CharTokenizer())
    for fn in methods.values():
        try:  # warm-up: lazy model/dictionary loads are not per-article cost
            fn(rows[0]["article"], k) if rows else None
        except Exception:
            pass
    totals = {name: [0.0, 0.0, 0.0] for name in methods}
    empty = dict.fromkeys(methods, 0)
    elapsed = dict.fromkeys(methods, 0.0)
    for row in rows:
        ref = row["summary"].replace("｜", "")
        for name, fn in methods.items():
            start = time.perf_counter()
            try:
                out = fn(row["article"], k) or ""
            except Exception:  # a peer crash counts as empty output
                out = ""
            elapsed[name] += time.perf_counter() - start
            if not out.strip():
                empty[name] += 1
                continue
            scores = scorer.score(ref, out)
            for i, key in enumerate(("rouge1", "rouge2", "rougeL")):
                totals[name][i] += scores[key].fmeasure
    n = max(1, len(rows))
    return [(name, *(100 * t / n for t in totals[name]), empty[name], 1000 * elapsed[name] / n) for name in methods]


def render(title: str, n: int, k: int, table: list[tuple]) -> str:
    lines = [
        f"**{title}** (n={n}, K={k})",
        "",
        "| method | ROUGE-1 | ROUGE-2 | ROUGE-L | empty | ms/art |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r1, r2, rl, empty, ms in table:
        lines.append(f"| {name} | {r1:.2f} | {r2:.2f} | {rl:.2f} | {empty} | {ms:.2f} |")
    return "\n".join(lines)


def methods_for(k: int, peers: bool) -> dict[str, Summarizer]:
    methods: dict[str, Summarizer] = {"ours": ours, "Lead-1": lead(1), "Lead-2": lead(2), "Lead-3": lead(3)}
    if k > 3:
        methods[f"Lead-{k}"] = lead(k)
    if peers:
        methods.update({"SnowNLP": snownlp_summary, "textrank4zh": textrank4zh_summary, "sumy LexRank": sumy_lexrank})
    return methods


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="JSON lines with id, article, summary")
    ap.add_argument("--sentences", "-k", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--all", action="store_true", help="run the three dev sets")
    ap.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--extra", action="store_true", help="with --all: also articles-dev's non-新华社 items")
    ap.add_argument("--no-peers", action="store_true", help="only ours and the lead baselines")
    args = ap.parse_args(argv)
    peers = not args.no_peers

    if args.all:
        d = args.data_dir
        for name in ("summ-dev.jsonl", "summ-long-dev.jsonl", "articles-dev.jsonl"):
            if not (d / name).is_file():
                ap.error(f"no such file: {d / name} (use --data-dir)")
        sets = [
            ("summ-dev (LCSTS, ref = headline)", load(d / "summ-dev.jsonl", args.limit), 1),
            ("summ-long-dev (broker reports, ref = bullets)", load(d / "summ-long-dev.jsonl", args.limit), 3),
            ("articles-dev 新华社 (ref = title)", load_xinhua(d / "articles-dev.jsonl", args.limit), 1),
        ]
        if args.extra:
            rows = load_xinhua(d / "articles-dev.jsonl", args.limit, xinhua=False)
            sets.append(("articles-dev other outlets (ref = title)", rows, 1))
    elif args.data:
        if not args.data.is_file():
            ap.error(f"no such file: {args.data}")
        sets = [(args.data.name, load(args.data, args.limit), args.sentences)]
    else:
        ap.error("give --data PATH or --all")
    for title, rows, k in sets:
        print(render(title, len(rows), k, evaluate(rows, k, methods_for(k, peers))))
        print()
    if args.all:
        d = args.data_dir
        docs = post_documents(d) + [
            row["article"] for name in ("summ-dev.jsonl", "summ-long-dev.jsonl") for row in load(d / name, None)
        ]
        docs += [row["content"] for row in load(d / "articles-dev.jsonl", None, need=("content", "title"))]
        print(render_violations(len(docs), reading_violations(docs)))
    return 0


KINDS = ("dangling", "short_name", "enumeration", "mid_number", "stray_space")


def post_documents(data_dir: Path) -> list[str]:
    """Bodies of the posts under data_dir/posts and data_dir/seed (a post's lead line first, as ours sees it)."""
    from digests.posts import PostError, decode_post, parse_post

    docs = []
    for folder in ("posts", "seed"):
        for path in sorted((data_dir / folder).glob("*.md")):
            try:
                article = parse_post(decode_post(path.read_bytes()), tz=UTC8, filename=str(path)).article
            except PostError as exc:
                print(f"{path}: skipped: {exc}", file=sys.stderr)
                continue
            docs.append("\n".join(article.paragraphs))
    return docs


def reading_violations(docs: list[str]) -> dict[str, dict[str, int]]:
    """Violations per method and kind over every doc at K = 1, 2, 3 and K = 3 within 120 characters."""
    from digests.sentences import split_sentences
    from digests.violations import violations

    runs: dict[str, Callable[[str], list[str]]] = {}
    for k in (1, 2, 3):
        runs[f"ours K={k}"] = lambda text, k=k: summarize(text, None, sentences=k)
        runs[f"Lead-{k}"] = lambda text, k=k: plain_sentences(text)[:k]
    runs["ours K=3, 120 chars"] = lambda text: summarize(text, None, sentences=3, max_chars=120)
    runs["Lead-3, 120 chars"] = lambda text: lead_clipped(text, 3, 120)
    totals = {name: dict.fromkeys(("summaries", *KINDS), 0) for name in runs}
    for text in docs:
        source = [s.text for s in split_sentences(text) if s.is_content]
        for name, run in runs.items():
            found = violations(run(text), source)
            totals[name]["summaries"] += 1
            for kind in KINDS:
                totals[name][kind] += found[kind]
    return totals


def lead_clipped(text: str, k: int, max_chars: int) -> list[str]:
    """Lead-K as a digest would show it: whole sentences while they fit, else the first cut at max_chars."""
    out: list[str] = []
    for sentence in plain_sentences(text)[:k]:
        if sum(map(len, out)) + len(sentence) > max_chars:
            break
        out.append(sentence)
    if not out and plain_sentences(text):
        out = [plain_sentences(text)[0][: max_chars - 1] + "…"]
    return out


def render_violations(n_docs: int, totals: dict[str, dict[str, int]]) -> str:
    lines = [
        f"**Reading-rule violations** ({n_docs} documents: posts, seed, summ-dev, summ-long-dev, articles-dev)",
        "",
        "| method | summaries | " + " | ".join(KINDS) + " | total |",
        "|---|" + "---:|" * (len(KINDS) + 2),
    ]
    for name, row in totals.items():
        total = sum(row[k] for k in KINDS)
        lines.append(f"| {name} | {row['summaries']} | " + " | ".join(str(row[k]) for k in KINDS) + f" | {total} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
