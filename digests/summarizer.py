"""Extractive summarizer for Chinese news.

Pipeline: split into sentences (:mod:`digests.sentences`, non-content such as
credits and captions dropped) → light compression (list markers, dangling
connectives like 此外，, glosses like (000876)) → jieba tokens minus stop words
and single characters → TF-IDF vectors weighted by jieba's background IDF table
(so a 3-sentence flash still knows that 人民币 matters more than 表示) → a score
per sentence mixing

* graph centrality (LexRank: PageRank over the cosine-similarity graph),
* directed centrality (PacSum: similarity to later sentences counts for a
  sentence, to earlier ones against it — news states a point, then elaborates),
* a lead-position prior (news puts the point first),
* overlap with the title when one is given,
* a length prior (fragments and long run-ons make poor digest lines),
* a data-dump prior (sentences that are mostly figures read badly alone),
* optionally similarity to the document centroid (off by default: no gain on dev),

→ greedy MMR ranking → selection under the sentence and character budgets by an
editor's reading rules (digests/reading.py, digests/selection.py: a sentence that
leans on another only with it, lists whole or cut at an item, near-duplicates
skipped) → output in document order, the post's own lead first when it has one.
Deterministic; never empty for non-empty input.  Weights were tuned on the dev
sets only (see benchmarks/bench_summarize.py).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from digests.post_body import parse_body
from digests.reading import clean_cut, list_members, needs_of, tidy_spaces
from digests.selection import MIN_KEEP, assemble, compress, fallback, select
from digests.sentences import Sentence, content_len, paragraphs_of, split_sentences
from digests.word_vectors import cosine, norm, tokens, vector

__all__ = [
    "SUMMARIZER_VERSION",
    "Params",
    "summarize",
    "summarize_jsonl",
    "summarize_text",
    "truncate",
]

# Bump on any change that alters output: the store recomputes stored summaries.
SUMMARIZER_VERSION = "1.5"


@dataclass(frozen=True)
class Params:
    """Scoring weights (tuned on the dev sets only)."""

    w_centrality: float = 1.0
    w_centroid: float = 0.0
    # PacSum-style directed centrality (Zheng & Lapata 2019): similarity to the sentences after a
    # sentence counts for it, to those before it against it; news elaborates its lead.
    w_directed: float = 0.5
    directed_back: float = -0.5  # weight of similarity to earlier sentences (forward weight is 1)
    w_position: float = 1.0
    w_title: float = 1.5
    position_decay: float = 2.0  # prior = 1 / (1 + position) ** decay
    paragraph_lead: float = 0.0  # bonus for a paragraph's first sentence
    ideal_min: int = 12  # content chars below which a sentence is penalised
    ideal_max: int = 45  # ... and above which
    length_penalty: float = 1.0
    data_penalty: float = 1.5  # penalty per unit of digit/Latin share above data_share
    data_share: float = 0.25
    mmr_lambda: float = 0.6  # relevance vs novelty in selection
    max_overlap: float = 0.6  # never pick a near-duplicate of a picked sentence
    damping: float = 0.85
    compress: bool = True  # drop list markers, dangling connectives, bracketed glosses
    max_sentences: int = 80  # only the first N content sentences compete (speed)


DEFAULT_PARAMS = Params()

_DATA_CHARS = re.compile(r"[0-9A-Za-z%./+-]")


def _pagerank(sim: list[list[float]], damping: float) -> list[float]:
    """PageRank over a symmetric weighted graph (LexRank without threshold)."""
    n = len(sim)
    if n == 1:
        return [1.0]
    # Incoming edges with weights already divided by the source's out-weight.
    out_weight = [sum(row) for row in sim]
    incoming = [[(i, sim[i][j] / out_weight[i]) for i in range(n) if sim[i][j] and out_weight[i] > 0] for j in range(n)]
    dangling = [i for i in range(n) if out_weight[i] <= 0]
    rank = [1.0 / n] * n
    for _ in range(30):
        base = (1.0 - damping) / n + damping * sum(rank[i] for i in dangling) / n
        new = [base + damping * sum(rank[i] * w for i, w in edges) for edges in incoming]
        delta = sum(abs(x - y) for x, y in zip(new, rank))
        rank = new
        if delta < 1e-4:  # ranks only need to be ordered, not exact
            break
    return rank


def _scaled(values: list[float]) -> list[float]:
    top = max(values) if values else 0.0
    return [v / top if top > 0 else 0.0 for v in values]


def _score(
    candidates: list[Sentence],
    texts: list[str],
    vectors: list[dict[str, float]],
    norms: list[float],
    title: str | None,
    p: Params,
) -> tuple[list[float], list[list[float]]]:
    n = len(candidates)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            s = cosine(vectors[i], norms[i], vectors[j], norms[j])
            sim[i][j] = sim[j][i] = s
    centrality = _scaled(_pagerank(sim, p.damping)) if n > 1 else [1.0]
    directed = [0.0] * n
    if p.w_directed and n > 1:
        raw = [sum(sim[i][i + 1 :]) + p.directed_back * sum(sim[i][:i]) for i in range(n)]
        low = min(raw)
        directed = _scaled([r - low for r in raw])

    to_centroid = [0.0] * n
    if p.w_centroid:
        centroid: Counter[str] = Counter()
        for vec in vectors:
            centroid.update(vec)
        cnorm = norm(centroid)
        to_centroid = _scaled([cosine(v, nv, centroid, cnorm) for v, nv in zip(vectors, norms)])

    title_sim = [0.0] * n
    if title and title.strip():
        tvec = vector(tokens(title))
        tnorm = norm(tvec)
        title_sim = [cosine(v, nv, tvec, tnorm) for v, nv in zip(vectors, norms)]

    scores = []
    for k, sent in enumerate(candidates):
        rank = k  # position among content sentences
        prior = 1.0 / (1.0 + rank) ** p.position_decay
        if sent.index_in_paragraph == 0:
            prior += p.paragraph_lead
        length = content_len(texts[k])
        if length < p.ideal_min:
            lp = p.length_penalty * (p.ideal_min - length) / p.ideal_min
        elif length > p.ideal_max:
            lp = p.length_penalty * min(1.0, (length - p.ideal_max) / p.ideal_max)
        else:
            lp = 0.0
        if p.data_penalty and length:
            share = len(_DATA_CHARS.findall(texts[k])) / length
            lp += p.data_penalty * max(0.0, share - p.data_share)
        scores.append(
            p.w_centrality * centrality[k]
            + p.w_directed * directed[k]
            + p.w_centroid * to_centroid[k]
            + p.w_position * prior
            + p.w_title * title_sim[k]
            - lp
        )
    return scores, sim


def truncate(text: str, max_chars: int) -> str:
    """Fit ``text`` into ``max_chars``: its first clause(s), else a clean hard cut, with "…"."""
    return clean_cut(text.strip(), max_chars)


def summarize(
    paragraphs: Sequence[str] | str,
    title: str | None = None,
    *,
    sentences: int = 3,
    max_chars: int | None = None,
    params: Params = DEFAULT_PARAMS,
    lead: str | None = None,
) -> list[str]:
    """Key sentences of an article, in document order.

    ``sentences`` caps the number of sentences (a list shown whole counts once),
    ``max_chars`` the total length of the joined sentences.  ``lead`` is the
    author's own summary (a post's ``> `` line): when given it comes first and
    the article's sentences only add what it does not say.  A sentence that
    leans on another (reading rules in :mod:`digests.reading`) is shown only
    together with it.  Returns [] only for blank input.
    """
    if isinstance(paragraphs, str):
        paragraphs = paragraphs_of(paragraphs)
    all_sents = split_sentences(paragraphs)
    lead_text = tidy_spaces(lead or "")
    lead_text = lead_text if content_len(lead_text) >= MIN_KEEP else ""
    if not all_sents:
        return [lead_text] if lead_text else []
    k = max(1, int(sentences))
    # The article's own headline would only restate a title shown beside the summary.
    shown_title = bool(title and title.strip())
    candidates = [s for s in all_sents if s.is_content and not (shown_title and s.kind == "headline")]
    candidates = candidates[: params.max_sentences]
    if not candidates:  # only credits/captions: better than nothing
        candidates = all_sents[:1]

    raw = [s.text for s in candidates]
    needs = needs_of(raw, [s.paragraph for s in candidates])
    in_list = list_members(raw, needs)
    texts = [compress(t, keep_marker=i in in_list) if params.compress else t for i, t in enumerate(raw)]
    if len(candidates) <= 1:
        order = [0]
        sim: list[list[float]] = [[0.0]]
        lead_sim = [0.0]
    else:
        token_lists = [tokens(t) for t in texts]
        vectors = [vector(t) for t in token_lists]
        norms = [norm(v) for v in vectors]
        scores, sim = _score(candidates, texts, vectors, norms, title, params)
        order = _mmr(scores, sim, k, params.mmr_lambda)
        lead_sim = [0.0] * len(candidates)
        if lead_text:
            lvec = vector(tokens(lead_text))
            lnorm = norm(lvec)
            lead_sim = [cosine(v, nv, lvec, lnorm) for v, nv in zip(vectors, norms)]

    budget = None if max_chars is None else max_chars - len(lead_text)
    units_left = k - (1 if lead_text else 0)
    chosen = select(order, needs, raw, texts, sim, lead_sim, units_left, budget, params.max_overlap)
    if lead_text:
        if budget is not None and budget < 0:
            return [truncate(lead_text, max_chars or len(lead_text))]
        return [lead_text, *assemble(chosen, raw, texts)]
    if not chosen:
        # Nothing fits the char budget: cut the best sentence that stands alone down to size.
        best = fallback(order, needs, texts)
        return [truncate(best, max_chars if max_chars is not None else len(best))]
    return assemble(chosen, raw, texts)


def _mmr(scores: list[float], sim: list[list[float]], k: int, lam: float) -> list[int]:
    """Ranking by maximal marginal relevance (the caller applies the budgets).

    Only the head of the ranking needs MMR; the tail is ordered by score.
    """
    n = len(scores)
    top = max(scores) if scores and max(scores) > 0 else 1.0
    relevance = [lam * s / top for s in scores]
    redundancy = [0.0] * n
    remaining = set(range(n))
    picked: list[int] = []
    while remaining and len(picked) < max(k * 4, k + 8):
        best = max(remaining, key=lambda i: (relevance[i] - (1 - lam) * redundancy[i], -i))
        picked.append(best)
        remaining.discard(best)
        row = sim[best]
        for i in remaining:
            if row[i] > redundancy[i]:
                redundancy[i] = row[i]
    picked.extend(sorted(remaining, key=lambda i: (-scores[i], i)))
    return picked


def text_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text or a post body (<p> HTML or Markdown with link lines)."""
    return list(parse_body(text).paragraphs)


def summarize_text(text: str, title: str | None = None, *, sentences: int = 3, max_chars: int | None = None) -> str:
    """Summary of plain text or a post body, joined into one string."""
    return "".join(summarize(text_paragraphs(text), title, sentences=sentences, max_chars=max_chars))


def summarize_jsonl(
    in_path: str | Path,
    out_path: str | Path | None = None,
    sentences: int = 3,
    max_chars: int | None = None,
    *,
    err: IO[str] | None = None,
) -> tuple[int, int]:
    """Summarize a JSON-lines file of ``{"id", "title"?, "article"}`` records.

    Writes ``{"id": ..., "summary": "..."}`` lines in input order to
    ``out_path`` (stdout when None or "-"); ``in_path`` "-" reads stdin.  Bad
    lines are reported to ``err`` (stderr) with their line number and skipped.
    Returns (written, skipped).
    """
    err = err if err is not None else sys.stderr
    src: IO[str] = sys.stdin if str(in_path) == "-" else open(in_path, encoding="utf-8")  # noqa: SIM115 - closed below
    to_stdout = out_path is None or str(out_path) == "-"
    dst: IO[str] = sys.stdout if to_stdout else open(out_path, "w", encoding="utf-8")  # type: ignore[arg-type]  # noqa: SIM115
    written = skipped = 0
    try:
        for lineno, line in enumerate(src, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                if "id" not in record:
                    raise ValueError('missing "id"')
                article = record.get("article")
                if isinstance(article, list):
                    article = "\n".join(str(p) for p in article)
                if not isinstance(article, str):
                    raise ValueError('missing or non-text "article"')
                title = record.get("title")
                title = title if isinstance(title, str) else None
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                print(f"{in_path}:{lineno}: skipped: {exc}", file=err)
                skipped += 1
                continue
            summary = "".join(summarize(article, title, sentences=sentences, max_chars=max_chars))
            dst.write(json.dumps({"id": record["id"], "summary": summary}, ensure_ascii=False) + "\n")
            written += 1
    finally:
        if src is not sys.stdin:
            src.close()
        if not to_stdout:
            dst.close()
    return written, skipped
