"""Same-event similarity between the articles of one window: what an editor would show as one item.

Each article becomes a vector of character bigrams and trigrams of its headline and opening
(NFKC, punctuation dropped), weighted by TF-IDF over the window.  Two scores are kept per pair:

* ``cosine`` – the plain TF-IDF cosine (the baseline of benchmarks/bench_digest.py);
* ``rare`` – the cosine over *rare* grams only: those in at most ``rare_df`` articles of the
  window.  Template reports about different entities (two funds' daily net values, two stocks'
  capital flows, fifty sector reports of one generator) share their skeleton, which is common in
  the window, and differ in the names, which are rare; two outlets' reports of one event share
  the names.  So the rare cosine separates what the plain cosine confuses.

Only grams in few articles propose candidate pairs (an inverted index that skips common grams),
so the work grows with the number of articles times their length, not with its square.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from digests import hanzi
from digests.dedup import distinctive_figures
from digests.hanzi import fold
from digests.records import Article

_NON_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff\uf900-\ufaff]+")
_DIGITS = re.compile(r"\d+")
# Securities codes: "（600783）", "(00428.HK)", "600519.SH".
_CODE = re.compile(r"(?<![\d.])(\d{6}|\d{4,5}\.HK|\d{6}\.S[HZ])(?![\d.])", re.IGNORECASE)
# Figures that identify a reading: a decimal or three or more digits, not a date or year.
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_DATE_PART = hanzi.compile(r"\d+(?=[年月日时点号])")


@dataclass(frozen=True)
class SimilarityParams:
    """Defaults tuned on the labeled pairs of two stream days (benchmarks/data); checked on a third."""

    lead_chars: int = 240  # of the body, after the headline
    rare_df: int = 12  # a gram in at most this many articles of the window is "rare"
    same: float = 0.18  # rare cosine at or above which two articles are one event (best F1 on the tuning pairs)
    same_with_figure: float = 0.1  # ... when both carry one distinctive figure (6.3512, 7682亿)
    figure_hours: float = 6.0  # ... and appeared within this many hours (a daily template repeats figures)
    topic: float = 0.12  # rare cosine that puts two articles on one topic (digests/grouping.group)
    # ... and two groups joined by such a pair must agree on average (no chains through a topic)
    group_mean: float = 0.15
    max_gap_hours: float = 36.0
    min_docs: int = 200  # IDF of a smaller window is computed as if it held this many articles


@dataclass(frozen=True)
class Similar:
    i: int
    j: int
    cosine: float
    rare: float


def normalized(text: str) -> str:
    return _NON_WORD.sub("", fold(unicodedata.normalize("NFKC", text).lower()))


def _grams(text: str) -> Counter[str]:
    # Digits collapse to one symbol: a running figure or a date does not make two texts differ,
    # and a shared long figure still shows up through the grams around it.
    t = _DIGITS.sub("0", text)
    out: Counter[str] = Counter()
    for k in (2, 3):
        out.update(t[i : i + k] for i in range(len(t) - k + 1))
    return out


def article_text(article: Article, lead_chars: int) -> str:
    return normalized(article.title) + normalized(" ".join(article.paragraphs))[:lead_chars]


class EventIndex:
    """TF-IDF vectors of a window's articles and their same-event pairs."""

    def __init__(self, articles: Sequence[Article], params: SimilarityParams | None = None) -> None:
        self.params = params or SimilarityParams()
        self.articles = list(articles)
        self._overlaps: dict[tuple[int, int], float] | None = None
        counts = [_grams(article_text(a, self.params.lead_chars)) for a in self.articles]
        self.df: Counter[str] = Counter(g for c in counts for g in c)
        # A small window says little about which grams are common: weigh it as if it were larger.
        n = max(self.params.min_docs, len(counts))
        self.vectors: list[dict[str, float]] = []
        self.rare_vectors: list[dict[str, float]] = []
        for c in counts:
            weights = {g: (1.0 + math.log(tf)) * math.log(1.0 + n / self.df[g]) for g, tf in c.items()}
            self.vectors.append(_unit(weights))
            self.rare_vectors.append(_unit({g: w for g, w in weights.items() if self.df[g] <= self.params.rare_df}))

    def pair(self, i: int, j: int) -> Similar:
        return Similar(i, j, _dot(self.vectors[i], self.vectors[j]), _dot(self.rare_vectors[i], self.rare_vectors[j]))

    def rare_overlaps(self) -> dict[tuple[int, int], float]:
        """The rare cosine of every pair sharing a rare gram, summed over the postings of rare grams
        (each at most ``rare_df`` long): no pair that shares nothing rare is ever looked at.
        Computed once per index."""
        if self._overlaps is not None:
            return self._overlaps
        postings: dict[str, list[int]] = defaultdict(list)
        for i, vector in enumerate(self.rare_vectors):
            for g in vector:
                postings[g].append(i)
        dots: dict[tuple[int, int], float] = defaultdict(float)
        for g, docs in postings.items():
            if len(docs) < 2:
                continue
            for x in range(len(docs)):
                wx = self.rare_vectors[docs[x]][g]
                for y in range(x + 1, len(docs)):
                    dots[(docs[x], docs[y])] += wx * self.rare_vectors[docs[y]][g]
        self._overlaps = dict(dots)
        return self._overlaps

    def same_event_pairs(self, overlaps: dict[tuple[int, int], float] | None = None) -> list[Similar]:
        """Every pair within the time gap whose rare cosine reaches ``params.same``."""
        gap = self.params.max_gap_hours * 3600
        out = []
        figures = [distinctive_figures(a.title + "".join(a.paragraphs)[:400]) for a in self.articles]
        for (i, j), rare in sorted((overlaps or self.rare_overlaps()).items()):
            if rare < self.params.same_with_figure:
                continue
            a, b = self.articles[i], self.articles[j]
            apart = abs((a.published - b.published).total_seconds())
            near = apart <= self.params.figure_hours * 3600
            if rare < self.params.same and not (near and (figures[i] & figures[j] or one_release(a.title, b.title))):
                continue
            if apart > gap or conflicting(a, b) or not _headlines_meet(a.title, b.title):
                continue
            out.append(Similar(i, j, _dot(self.vectors[i], self.vectors[j]), rare))
        return out


def headline_figures(title: str) -> frozenset[str]:
    """Figures of a headline that tell one reading from another (dates and small counts left out)."""
    text = _DATE_PART.sub("", unicodedata.normalize("NFKC", title))
    out = set()
    for raw in _FIGURE.findall(text):
        if "." in raw or len(raw) >= 3:
            out.add(raw.rstrip("0").rstrip(".") if "." in raw else raw)
    return frozenset(out)


def _codes(article: Article) -> set[str]:
    head = unicodedata.normalize("NFKC", article.title + " ".join(article.paragraphs[:1])[:200])
    return {c.upper() for c in _CODE.findall(head)}


def different_securities(a: Article, b: Article) -> bool:
    """One generator's report on two stocks or funds: their codes differ."""
    ca, cb = _codes(a), _codes(b)
    return bool(ca and cb) and not ca & cb


# A listed company naming itself in its own notice: 新疆冠农股份有限公司2023年第二次临时股东大会决议公告 /
# 证券代码：603797 证券简称：联泰环保 公告编号：2023-036.
_ISSUER_NAME = hanzi.compile(
    r"^\s*([\u4e00-\u9fff]{2,16}?(?:股份有限公司|有限责任公司|有限公司))|证券简称[：:]\s*([^\s，,。：:]{2,8}?)(?=公告|转债|\s|$|[，,。])"
)


def _issuers(article: Article) -> set[str]:
    head = unicodedata.normalize("NFKC", article.title + " " + " ".join(article.paragraphs[:1])[:120])
    return {m.group(1) or m.group(2) for m in _ISSUER_NAME.finditer(head)}


def different_issuers(a: Article, b: Article) -> bool:
    """Two listed companies' own notices (another company's shareholder meeting, pledge or lawsuit):
    each names its issuer, and the names differ."""
    ia, ib = _issuers(a), _issuers(b)
    return bool(ia and ib) and not ia & ib


def conflicting(a: Article, b: Article) -> bool:
    """Two articles that cannot be one event: different securities codes or issuers of a company
    notice, or headline figures where neither set holds the other (another fund's net value,
    another stock's close)."""
    if different_securities(a, b) or different_issuers(a, b):
        return True
    fa, fb = headline_figures(a.title), headline_figures(b.title)
    return bool(fa and fb) and not (fa <= fb or fb <= fa)


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
SWAP_SHARED = 0.6  # share of the shorter headline two template headlines have in common
MAX_SLOT = 14  # a name slot; a longer difference is a rewrite, not another entity


def entity_swap(a: str, b: str) -> bool:
    """Two headlines of one template about different entities: most of the headline is shared
    (figures masked) and a name is swapped ("新疆冠农股份…临时股东大会决议公告" / "上海数据港股份…",
    "交城县…资助工作的公告" / "文水县…", "嘉实中证500ETF联接A最新净值" / "华夏…"). Another
    fund's net value is not an update of this one, another county's notice not its copy."""
    (speaker_a, rest_a), (speaker_b, rest_b) = _speaker(a), _speaker(b)
    if speaker_a and speaker_b:  # who speaks may be named two ways (外交部：/中方：); compare what is said
        a, b = rest_a, rest_b
    ta, tb = _FIGURE.sub("0", normalized(a)), _FIGURE.sub("0", normalized(b))
    if not ta or not tb or ta == tb:
        return False
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    if shared < 8 or shared < SWAP_SHARED * min(len(ta), len(tb)):
        return False
    opcodes = matcher.get_opcodes()
    changed = [k for k, op in enumerate(opcodes) if op[0] != "equal"]
    # One name swapped and nothing else rewritten: the differences make one short span at the
    # start of each headline, the subject a template names first (a shared character inside a name,
    # 交城县/文水县, does not break it; 朝鲜深夜/朝鲜向东部海域 is wording, not another subject), and
    # the template goes on after it. A second change or another ending is another outlet's wording.
    if not changed or any(
        opcodes[k][2] - opcodes[k][1] > 1 for k in range(changed[0], changed[-1]) if k not in changed
    ):
        return False
    i1, j1 = opcodes[changed[0]][1], opcodes[changed[0]][3]
    i2, j2 = opcodes[changed[-1]][2], opcodes[changed[-1]][4]
    return (
        max(i1, j1) <= 1
        and len(_HAN.findall(ta[i1:i2])) >= 2
        and len(_HAN.findall(tb[j1:j2])) >= 2
        and max(i2 - i1, j2 - j1) <= MAX_SLOT
        and len(ta) - i2 >= 4
    )


# Bodies that issue policy: two of their headlines the same morning about one named thing are one release.
_ISSUER = hanzi.compile(
    r"(?:部门|部委|发改委|国务院|国办|财政部|商务部|工信部|人民银行|央行|证监会|银保监会|金融监管总局|统计局|外汇局|交通运输部|住建部)$"
)
_RUN = 4  # characters of a shared name (数据中心, 碳排放权)


def one_release(a: str, b: str) -> bool:
    """Two headlines of policy issuers ("发改委等部门：…数据中心…" / "四部门：…数据中心…") that name one
    thing in what they say: one document, reported twice."""
    (speaker_a, rest_a), (speaker_b, rest_b) = _speaker(a), _speaker(b)
    if not (_ISSUER.search(speaker_a) and _ISSUER.search(speaker_b)):
        return False
    runs = {rest_a[i : i + _RUN] for i in range(len(rest_a) - _RUN + 1)}
    return any(
        rest_b[i : i + _RUN] in runs and _HAN.search(rest_b[i : i + _RUN]) for i in range(len(rest_b) - _RUN + 1)
    )


# A national ministry or commission heading its own announcement: the headline opens with it.
NATIONAL_BODIES = (
    "国家发展改革委|发改委|财政部|商务部|中国人民银行|人民银行|央行|证监会|金融监管总局|工信部|住建部|"
    "交通运输部|国家防总|应急管理部|国家减灾委|水利部|公安部|教育部|人社部|民政部|司法部|国家卫健委|网信办|"
    "市场监管总局|医保局|四部门|五部门|六部门|多部门"
)
_ANNOUNCER = hanzi.compile(
    rf"^(?:中国|国家)?({NATIONAL_BODIES})(?![\u4e00-\u9fff]{{0,4}}(?:总部|分行|分局|支行|营业管理部))"
)
_SAME_BODY = {"国家发展改革委": "发改委", "中国人民银行": "人民银行", "央行": "人民银行"}


def announcement(title: str) -> tuple[str, str] | None:
    """(the national body heading the headline, what follows its name), or None:
    公安部：全面放宽大城市落户条件 → (公安部, ：全面放宽大城市落户条件)."""
    text = unicodedata.normalize("NFKC", title).strip()
    match = _ANNOUNCER.match(text)
    return (_SAME_BODY.get(match.group(1), match.group(1)), text[match.end() :]) if match else None


def announcer(title: str) -> str | None:
    """The national body whose announcement the headline is (公安部：全面放宽大城市落户条件 → 公安部);
    several unnamed ministries (四部门) are no one body."""
    found = announcement(title)
    return found[0] if found and "部门" not in found[0] else None


def _speaker(title: str) -> tuple[str, str]:
    head, sep, rest = unicodedata.normalize("NFKC", title).partition(":")
    return (normalized(head), normalized(rest)) if sep and len(head) <= 16 and rest.strip() else ("", "")


def _headlines_meet(a: str, b: str) -> bool:
    """Two statements of one speaker ("国务院教育督导办：…") are one event only if what follows the
    speaker has something in common: the speaker's name alone is shared by all its statements."""
    (speaker_a, rest_a), (speaker_b, rest_b) = _speaker(a), _speaker(b)
    if not speaker_a or speaker_a != speaker_b:
        return True
    ga = {rest_a[i : i + 2] for i in range(len(rest_a) - 1)}
    return bool(ga & {rest_b[i : i + 2] for i in range(len(rest_b) - 1)})


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {g: w / norm for g, w in weights.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(g, 0.0) for g, w in a.items())
