"""What an editor counts in a day's digest, measured by rules independent of digests/ (so a method
cannot grade itself): same-story items, topic repeats, empty items, restated headlines,
boilerplate and stale time words in the shown text, and items that name no source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import jieba

from digests.records import Article

jieba.setLogLevel(60)

TOP = 8
_NON_WORD = re.compile(r"[^0-9a-z\u4e00-\u9fff]+")
# A byline is "记者 张三" standing alone (followed by a space, 通讯员, 摄 or the end), not "记者从…获悉".
BOILERPLATE = re.compile(
    r"原标题|记者\s+[\u4e00-\u9fff]{2,3}(?=\s|通讯员|摄|$)|通讯员\s*[\u4e00-\u9fff]{2,3}|责任编辑|编辑[：:]|校对[：:]|"
    r"审核[：:]|返回搜狐|查看更多|文/|图/|来源[：:]|本文转自|点击关注|转载请|联系删除|\d{4}年\d{1,2}月\d{1,2}日讯"
)
# Names are not time words: 今日俄罗斯 (RT), 今日头条, 今日美国 (USA Today), 今日说法.
STALE = re.compile(
    r"(?:今日|今天|昨日|昨天|明日|明天)(?!俄罗斯|头条|美国|说法)|截至目前|目前为止|截至发稿|今晨|今早|今晚"
)
# Words too common to say two headlines share a topic.
_STOP = {"中国", "我国", "全国", "国家", "发布", "表示", "记者", "新闻", "消息", "今年", "近日", "目前", "工作", "发展"}
_STOP |= {"推进", "进一步", "相关", "一个", "已经", "正在", "持续"}
# verbs every kind of news uses (受降雨影响 and 影响有限 are not one topic; nor are 发生塌陷 and 发生洪水)
_STOP |= {"影响", "发生"}


@dataclass(frozen=True)
class Shown:
    """One item as a reader sees it."""

    title: str
    text: str
    source: str  # the outlets or site named, "" when none
    when: str
    article_ids: tuple[str, ...]


@dataclass
class Tally:
    days: int = 0
    items: int = 0
    stories: int = 0
    topic_repeats: int = 0
    empty: int = 0
    restated: int = 0
    boilerplate: int = 0
    stale: int = 0
    credited: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, kind: str, text: str) -> None:
        self.examples.setdefault(kind, [])
        if len(self.examples[kind]) < 3:
            self.examples[kind].append(text[:60])


def norm(text: str) -> str:
    return _NON_WORD.sub("", text.lower())


def _grams(text: str, k: int) -> set[str]:
    return {text[i : i + k] for i in range(max(0, len(text) - k + 1))}


def dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def judge_same(a: Article, b: Article) -> bool:
    """Same story: identical headlines, the shorter opening mostly inside the longer (5-grams), or
    headlines sharing half their character bigrams."""
    ta, tb = norm(a.title), norm(b.title)
    if ta and ta == tb:
        return True
    ga, gb = _grams(norm(a.body)[:400], 5), _grams(norm(b.body)[:400], 5)
    small, large = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    if small and len(small & large) / len(small) >= 0.6:
        return True
    return dice(_grams(ta, 2), _grams(tb, 2)) >= 0.5


def _components(n: int, joined: Sequence[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for i, j in joined:
        parent[find(j)] = find(i)
    return [find(i) for i in range(n)]


_DAY_CLAUSE = re.compile(r"^[^，,]{0,8}\d{1,2}日[^，,]{0,4}$")


def opens_on_title(sentence: str, title: str) -> bool:
    """The sentence's first clause after its date (8日早盘，A股全线走强，…) is the headline's words again."""
    clauses = [c for c in re.split(r"[，,]", sentence) if c.strip()]
    if clauses and _DAY_CLAUSE.match(clauses[0]):
        clauses = clauses[1:]
    if not clauses or len(norm(clauses[0])) < 6:
        return False
    own = _grams(norm(clauses[0]), 2)
    return len(own & _grams(norm(title), 2)) >= 0.8 * len(own)


def topic_words(titles: Sequence[str]) -> list[set[str]]:
    """Each headline's content words (two or more characters, not in every other headline)."""
    words = [{w for w in jieba.lcut(t) if len(w) >= 2 and not w.isdigit() and w not in _STOP} for t in titles]
    return words


def tally(tallies: Tally, shown: Sequence[Shown], by_id: dict[str, Article], day_titles: Counter[str]) -> None:
    """Add one day's digest to the tally."""
    tallies.days += 1
    top = list(shown[:TOP])
    reps = [by_id[item.article_ids[0]] for item in top]
    pairs = [(i, j) for i in range(len(reps)) for j in range(i + 1, len(reps)) if judge_same(reps[i], reps[j])]
    tallies.items += len(top)
    tallies.stories += len(set(_components(len(reps), pairs)))
    # Topic: headlines sharing a content word that few headlines of the day carry (a named
    # typhoon, a person, an agency), so "杜苏芮" ties two items and "经济" does not.
    words = topic_words([item.title for item in top])
    rare = [{w for w in ws if day_titles[w] <= max(3, len(by_id) // 50)} for ws in words]
    topic_pairs = [(i, j) for i in range(len(top)) for j in range(i + 1, len(top)) if rare[i] & rare[j]]
    sizes = Counter(_components(len(top), topic_pairs))
    tallies.topic_repeats += sum(max(0, size - 2) for size in sizes.values())
    for item in top:
        text = item.text.strip()
        if not text:
            tallies.empty += 1
            tallies.note("empty", item.title)
        first = re.split(r"(?<=[。！？!?])", text, maxsplit=1)[0]
        if text and (
            dice(_grams(norm(first), 2), _grams(norm(item.title), 2)) >= 0.6 or opens_on_title(first, item.title)
        ):
            tallies.restated += 1
            tallies.note("restated", first)
        if BOILERPLATE.search(text):
            tallies.boilerplate += 1
            tallies.note("boilerplate", BOILERPLATE.search(text).group(0) + " · " + text)  # type: ignore[union-attr]
        if STALE.search(text):
            tallies.stale += 1
            tallies.note("stale", text)
        tallies.credited += bool(item.source.strip())


def day_title_words(articles: Sequence[Article]) -> Counter[str]:
    return Counter(w for ws in topic_words([a.title for a in articles]) for w in ws)
