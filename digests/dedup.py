"""Near-duplicate detection: group articles of one window into stories.

Two relations are found between articles, both on NFKC-normalised text with
punctuation, whitespace and outlet credits removed:

* **duplicate** – the same news (another outlet's copy, a reprint with light
  edits or an extra paragraph, a short flash and the longer article that
  followed it).  Their headline figures agree.
* **update** – the same text template whose headline figures differ, e.g.
  "北向资金净流入达30亿元" (10:40) then "北向资金净流入超40亿元" (10:47).  These
  are successive readings of a running figure, not independent coverage: they
  join the same story (a digest should show the story once, with its newest
  figure) but never count as extra outlets.

* **event** – other wording of the same event by another outlet within hours,
  recognised by the same distinctive figures (6.3512, 7682亿, 75.37亿: four or
  more significant digits, not a year or date) and an overlapping headline.
  Counted as coverage, like a duplicate.

Why exact shingle sets rather than MinHash/SimHash: a digest window holds tens
to a few thousand articles, where exact character-shingle Jaccard/containment
over candidate pairs (found with an inverted index that skips very common
shingles) is fast enough (see benchmarks/bench_dedup.py) and has no estimation
error; MinHash only estimates the same Jaccard.  Short texts (flashes, where
a one-character difference such as 北向/南向 is a different story) get strict
thresholds; long texts are compared by shingle containment.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal
from urllib.parse import urlsplit

from digests import hanzi
from digests.hanzi import fold
from digests.records import Article

Relation = Literal["duplicate", "update", "event"]

_CREDIT_RE = re.compile(r"[（(][^（）()]{1,12}[)）]\s*$")  # trailing "（央视新闻）"-style credit
_NON_WORD_RE = re.compile(r"[^0-9a-z\u3400-\u9fff\uf900-\ufaff]+")
_DATE_RE = hanzi.compile(r"(\d{1,2})月(\d{1,2})日")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
# A figure with the hedge word in front of it ("达30亿", "超40亿", "逾5%"): running updates
# of one figure switch hedges as the number moves, so the hedge is masked with the number.
_FIGURE_RE = hanzi.compile(r"(?:超过|达到|突破|升至|降至|达|超|逾|近|约|至)?\d+(?:\.\d+)?")
MIN_BLOCK = 3  # matching runs shorter than a shingle are coincidence, not copied text

SHINGLE = 3
# Below this many normalised characters a text is "short": one changed character matters.
SHORT_CHARS = 20
# Containment is measured on shingles once the shorter text has this many characters.
LONG_CHARS = 60


@dataclass(frozen=True)
class DedupParams:
    """Thresholds; defaults were checked on real data (benchmarks/bench_dedup.py)."""

    jaccard: float = 0.6  # overall shingle Jaccard that alone makes two texts the same
    body_cover: float = 0.8  # share of the shorter body found in the longer one
    title_cover: float = 0.5  # ... together with this share of the shorter title
    short_cover: float = 0.95  # both covers when the shorter body is short
    # Running updates mask the figures, which makes templated reports ("片仔癀今日跌停…" vs
    # "上海电力今日跌停…") look alike; an update must match nearly everything else.
    update_cover: float = 0.9
    body_numbers: float = 0.8  # share of the shorter body's figures, in order, found in the other
    common_df: float = 0.05  # shingles in more than this share of docs don't propose candidates
    max_postings: int = 25  # ... and never more than this many
    candidate: float = 0.3  # rare-shingle overlap (share of the smaller doc) to compare a pair
    # Copies and running updates appear within hours; daily template reports ("28日国内金银
    # 商品收微涨" vs "30日…收跌") look alike but are days apart.
    max_gap_hours: float = 36.0
    # Same event in other words: within this many hours, sharing distinctive figures ...
    event_hours: float = 6.0
    event_figures: float = 0.5  # ... this share of the smaller set of them at least (and ≥ 1)
    event_title: float = 0.25  # ... and this Dice overlap of headline character bigrams
    # ... or, without figures, the same speaker before the headline's colon ("国务院教育督导办：")
    # and this much of the shorter body in the longer (a rewrite of one statement).
    event_speaker_cover: float = 0.6
    event_speaker_jaccard: float = 0.3


@dataclass(frozen=True)
class PairScore:
    jaccard: float
    body_cover: float
    title_cover: float
    numbers_agree: bool
    relation: Relation | None


def normalize(text: str) -> str:
    """NFKC (full-width digits/letters → ASCII), lower case, Simplified characters (滙豐 → 汇丰),
    punctuation and spaces dropped."""
    return _NON_WORD_RE.sub("", fold(unicodedata.normalize("NFKC", text).lower()))


def mask_digits(text: str) -> str:
    """Every figure (with its hedge word) becomes "0" so that running figures compare equal."""
    return _FIGURE_RE.sub("0", text)


def title_numbers(title: str) -> frozenset[str]:
    """Numbers in a headline, canonical ("1.00" == "1", "3,600" == "3600")."""
    out = set()
    for raw in _NUMBER_RE.findall(unicodedata.normalize("NFKC", title)):
        value = raw.replace(",", "")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        out.add(value.lstrip("0") or "0")
    return frozenset(out)


def _site(url: str | None) -> str | None:
    if not url:
        return None
    labels = [p for p in (urlsplit(url).hostname or "").lower().split(".") if p]
    if len(labels) < 2:
        return None
    # hk.eastmoney.com and finance.eastmoney.com are one outlet; keep "sina.com.cn" whole.
    keep = 3 if labels[-2] in {"com", "net", "org", "gov", "edu"} and len(labels) >= 3 else 2
    return ".".join(labels[-keep:])


def outlet_key(article: Article) -> str | None:
    """Who published it: the credited outlet, else the site's registrable domain, else unknown."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    return _site(article.url)


# One house's outlets (a wire and its site, a broadcaster's app): one voice, not two media.
_HOUSES = {
    "中新网": "中新社",
    "中国新闻网": "中新社",
    "新华网": "新华社",
    "人民网": "人民日报",
    "央视网": "央视新闻",
    "央视新闻客户端": "央视新闻",
    "环球网": "环球时报",
    "北京日报客户端": "北京日报",
    "每日经济新闻": "每经",
}


def house(outlet: str) -> str:
    """The house an outlet belongs to (中新网 → 中新社): a page names and counts one house's outlets once."""
    return _HOUSES.get(outlet, outlet)


# 平安江汉 (a police account), 中央气象台, 北京发布, 福建海事: a body speaking for itself is a source, not a medium.
_OWN_VOICE = hanzi.compile(r"^平安|发布$|气象台$|公安局?$|政府$|应急管理局$|防汛办$|消防$|网信办?$|海事局?$")


def is_media(outlet: str) -> bool:
    """The outlet is a medium that reports, not a body that speaks for itself (平安江汉, 中央气象台):
    credited as a source, but not counted in "N家媒体"."""
    return not _OWN_VOICE.search(outlet)


def media_count(outlets: Sequence[str]) -> int:
    """How many media carried a story: one house's outlets (中新社, 中新网) once, bodies speaking for
    themselves (平安江汉) not at all."""
    return len({house(name) for name in outlets if is_media(name)})


def distinct_outlets(articles: Sequence[Article]) -> tuple[str, ...]:
    """Known outlets, each once: articles of no known outlet are not counted as outlets of their own
    (otherwise 21 uncredited template reports would read as "21家媒体"), and a site that carries
    another outlet's credited report is not one more outlet for its own uncredited post of the
    same story (one finance portal's two posts on a ministry's plan are not "2家媒体")."""
    portals = {_site(a.url) for a in articles if a.outlet and a.outlet.strip()}
    seen: dict[str, None] = {}
    for a in articles:
        key = outlet_key(a)
        if key is not None and not (key in portals and not (a.outlet and a.outlet.strip())):
            seen.setdefault(key, None)
    return tuple(seen)


@dataclass(frozen=True)
class _Features:
    title: str  # normalised, digits masked
    body: str  # normalised, digits masked, credit removed
    shingles: frozenset[str]
    numbers: frozenset[str]
    body_numbers: tuple[str, ...]
    dateline: str | None  # first "1月6日" near the start: a daily report's day
    figures: frozenset[str] = frozenset()  # distinctive figures (see distinctive_figures)
    title_bigrams: frozenset[str] = frozenset()
    speaker: str = ""  # the headline's "X：" lead, normalised


def _features(article: Article) -> _Features:
    paragraphs = list(article.paragraphs)
    if paragraphs:
        paragraphs[-1] = _CREDIT_RE.sub("", paragraphs[-1])
    title = mask_digits(normalize(article.title))
    body = mask_digits(normalize("".join(paragraphs)))
    shingles = _shingles(title) | _shingles(body)
    figures = tuple(_NUMBER_RE.findall(unicodedata.normalize("NFKC", "".join(paragraphs))))[:80]
    lead = unicodedata.normalize("NFKC", "".join(paragraphs)[:80])
    date = _DATE_RE.search(lead)
    dateline = f"{int(date.group(1))}-{int(date.group(2))}" if date else None
    text = article.title + "".join(paragraphs)
    plain_title = normalize(article.title)
    bigrams = frozenset(plain_title[i : i + 2] for i in range(len(plain_title) - 1))
    return _Features(
        title,
        body,
        frozenset(shingles),
        title_numbers(article.title),
        figures,
        dateline,
        distinctive_figures(text),
        bigrams,
        _speaker(article.title),
    )


def _speaker(title: str) -> str:
    head, sep, _ = unicodedata.normalize("NFKC", title).partition(":")
    return normalize(head) if sep and 3 <= len(normalize(head)) <= 16 else ""


_YEAR_OR_DATE = re.compile(r"^(?:19|20)\d\d(?:[01]\d[0-3]\d)?$")


def distinctive_figures(text: str) -> frozenset[str]:
    """Figures that identify an event: four or more significant digits, not a year or a date.

    6.3512, 7682, 75.37 qualify; 3600 (36 significant), 2021 (a year), 1.00 do not.
    """
    out = set()
    for raw in _NUMBER_RE.findall(unicodedata.normalize("NFKC", text)):
        value = raw.replace(",", "")
        if _YEAR_OR_DATE.match(value):
            continue
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        digits = value.replace(".", "").lstrip("0").rstrip("0")
        if len(digits) >= 4:
            out.add(value)
    return frozenset(out)


def same_event(fa: _Features, fb: _Features, params: DedupParams, score: PairScore | None = None) -> bool:
    """Other wording of one event: shared distinctive figures and an overlapping headline, or one
    speaker's statement rewritten (same "X：" headline lead, most of the shorter body in the other)."""
    if (
        score is not None
        and fa.speaker
        and fa.speaker == fb.speaker
        and score.body_cover >= params.event_speaker_cover
        and score.jaccard >= params.event_speaker_jaccard
    ):
        return True
    shared = fa.figures & fb.figures
    if not shared or len(shared) < params.event_figures * min(len(fa.figures), len(fb.figures)):
        return False
    if not fa.title_bigrams or not fb.title_bigrams:
        return False
    dice = 2 * len(fa.title_bigrams & fb.title_bigrams) / (len(fa.title_bigrams) + len(fb.title_bigrams))
    return dice >= params.event_title


def _shingles(text: str, k: int = SHINGLE) -> set[str]:
    if len(text) <= k:
        return {text} if text else set()
    return {text[i : i + k] for i in range(len(text) - k + 1)}


def _cover(shorter: str, longer: str) -> float:
    """Share of ``shorter`` found in ``longer``: in-order characters for short texts, shingles for long."""
    if not shorter:
        return 0.0
    if len(shorter) >= LONG_CHARS:
        a, b = _shingles(shorter), _shingles(longer)
        return len(a & b) / len(a)
    matcher = SequenceMatcher(None, shorter, longer, autojunk=False)
    matched = sum(b.size for b in matcher.get_matching_blocks() if b.size >= min(MIN_BLOCK, len(shorter)))
    return matched / len(shorter)


def _score(fa: _Features, fb: _Features, params: DedupParams) -> PairScore:
    union = len(fa.shingles | fb.shingles)
    jaccard = len(fa.shingles & fb.shingles) / union if union else 0.0
    body_s, body_l = sorted((fa.body or fa.title, fb.body or fb.title), key=len)
    title_s, title_l = sorted((fa.title, fb.title), key=len)
    body_cover = _cover(body_s, body_l)
    title_cover = _cover(title_s, title_l)
    agree = not fa.numbers or not fb.numbers or fa.numbers <= fb.numbers or fb.numbers <= fa.numbers
    if fa.dateline and fb.dateline and fa.dateline != fb.dateline:
        agree = False  # "1月6日0时至24时，北京…" vs "1月4日…": same template, another day
    nums_s, nums_l = sorted((fa.body_numbers, fb.body_numbers), key=len)
    if agree and len(nums_s) >= 3:
        # Same template, other day: "螺纹…收涨1.09%，热卷收涨1.08%" vs "…1.28%": a copy keeps its figures.
        matcher = SequenceMatcher(None, nums_s, nums_l, autojunk=False)
        agree = sum(b.size for b in matcher.get_matching_blocks()) / len(nums_s) >= params.body_numbers

    if len(body_s) < SHORT_CHARS:
        # Flash items: their whole content is a dozen characters, so demand near identity
        # of both title and body (北向资金… vs 南向资金… differ by one character only).
        same = body_cover >= params.short_cover and title_cover >= params.short_cover
    else:
        same = jaccard >= params.jaccard or (body_cover >= params.body_cover and title_cover >= params.title_cover)
    relation: Relation | None = None
    if same and agree:
        relation = "duplicate"
    elif same and min(body_cover, title_cover) >= params.update_cover:
        relation = "update"
    return PairScore(jaccard, body_cover, title_cover, agree, relation)


def pair_score(a: Article, b: Article, params: DedupParams | None = None) -> PairScore:
    """How two articles relate (for tests, tuning and the benchmark)."""
    return _score(_features(a), _features(b), params or DedupParams())


def candidate_pairs(features: Sequence[_Features], params: DedupParams) -> list[tuple[int, int]]:
    """Pairs sharing enough rare shingles to be worth an exact comparison."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        for s in f.shingles:
            postings[s].append(i)
    cap = _cap(params, len(features))
    rare_size = [0] * len(features)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for docs in postings.values():
        if len(docs) > cap:
            continue
        for d in docs:
            rare_size[d] += 1
        for x in range(len(docs)):
            for y in range(x + 1, len(docs)):
                counts[(docs[x], docs[y])] += 1
    return sorted(
        pair
        for pair, shared in counts.items()
        if shared >= params.candidate * max(1, min(rare_size[pair[0]], rare_size[pair[1]]))
    )


def _cap(params: DedupParams, n: int) -> int:
    """Postings longer than this propose no pairs: a share of the window, but bounded, so the pairs
    a shingle proposes do not grow with the window (identical texts are joined by grouping's
    copy key whatever their number)."""
    return min(params.max_postings, max(20, int(params.common_df * n)))


def related_pairs(articles: Sequence[Article], params: DedupParams | None = None) -> list[tuple[int, int, PairScore]]:
    """Every pair (i < j) judged a duplicate or an update, with its scores."""
    params = params or DedupParams()
    features = [_features(a) for a in articles]
    out = []
    max_gap = params.max_gap_hours * 3600
    event_gap = params.event_hours * 3600
    pairs = set(candidate_pairs(features, params)) | set(figure_pairs(features, params))
    for i, j in sorted(pairs):
        gap = abs((articles[i].published - articles[j].published).total_seconds())
        if gap > max_gap:
            continue
        score = _score(features[i], features[j], params)
        if score.relation is None and gap <= event_gap and same_event(features[i], features[j], params, score):
            score = PairScore(score.jaccard, score.body_cover, score.title_cover, score.numbers_agree, "event")
        if score.relation is not None:
            out.append((i, j, score))
    return out


def figure_pairs(features: Sequence[_Features], params: DedupParams) -> list[tuple[int, int]]:
    """Pairs sharing a distinctive figure that few documents carry (event candidates)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        for fig in f.figures:
            postings[fig].append(i)
    cap = _cap(params, len(features))
    pairs: set[tuple[int, int]] = set()
    for docs in postings.values():
        if 1 < len(docs) <= cap:
            pairs.update((docs[x], docs[y]) for x in range(len(docs)) for y in range(x + 1, len(docs)))
    return sorted(pairs)
