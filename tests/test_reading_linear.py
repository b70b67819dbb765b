"""The reading rules stay linear on hostile bodies (issue 17: thousands of 《方案》 made needs_of
quadratic) and find exactly the sentences the plain rescanning definition finds."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from typing import overload

from digests.reading import defined_abbreviations, needs_of, short_names


class CountingTexts(Sequence[str]):
    """Sentences that count how often needs_of reads one (the cost, without timing anything)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.reads = 0

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        self.reads += 1 if isinstance(i, int) else len(range(*i.indices(len(self.texts))))
        return self.texts[i]

    def __iter__(self) -> Iterator[str]:
        for text in self.texts:
            self.reads += 1
            yield text


def _reads(kb: int, unit: str) -> int:
    texts = CountingTexts([unit] * (kb * 1024 // len(unit.encode())))
    needs = needs_of(texts)
    assert needs[-1] == {-1}  # no full form anywhere: the sentence cannot be shown
    return texts.reads


def test_a_body_of_repeated_short_document_names_costs_linear_reads() -> None:
    # Before: every 《方案》 rescanned every earlier sentence (64 KB: 6 million reads; 256 KB: 16× that).
    for unit in ("《方案》指出。", "《实施方案》强调。"):
        small, large = _reads(64, unit), _reads(256, unit)
        assert large / small < 6, (unit, small, large)  # linear is 4×, quadratic 16×
        assert small < 20 * (64 * 1024 // len(unit.encode()))  # a few reads per sentence


def test_many_abbreviations_are_each_found_where_they_were_set_up() -> None:
    # Past a few abbreviations the text's substrings are looked up instead of testing each one.
    units = [f"公司（简称“{chr(0x4E00 + k)}{chr(0x4E80 + k)}”）成立。" for k in range(40)]
    needs = needs_of(units * 3)
    assert [needs[40 + k] for k in range(40)] == [{k} for k in range(40)]
    assert needs[80 + 7] == {7}


# --- the definition the fast path must agree with ---------------------------------------------

_BOOK = re.compile(r"《([^《》]{1,40})》")


def _reference_definer(texts: Sequence[str], i: int, name: str) -> int:
    for j in range(i - 1, -1, -1):
        if any(name in full and full != name for full in _BOOK.findall(texts[j])):
            return j
    for j in range(i - 1, max(-1, i - 3), -1):
        if name[-2:] in _BOOK.sub("", texts[j]):
            return j
    return -1


def _reference_refs(texts: Sequence[str]) -> list[set[int]]:
    """Short names and abbreviations only, rescanning as the rules were first written."""
    out: list[set[int]] = []
    abbrevs: dict[str, int] = {}
    for i, text in enumerate(texts):
        found = set()
        for name in short_names(text):
            if not any(name in full and full != name for full in _BOOK.findall(text)):
                found.add(_reference_definer(texts, i, name))
        found |= {j for a, j in abbrevs.items() if a in text}
        for a in defined_abbreviations(text):
            abbrevs.setdefault(a, i)
        out.append(found)
    return out


_PIECES = (
    "《方案》指出",
    "《实施方案》要求",
    "《京津冀协同发展实施方案》印发",
    "《关于推进改革的意见》发布",
    "《意见》强调",
    "方案提出",
    "《白皮书》显示",
    "《中国的能源白皮书》",
    "《方案》与《意见》",
    "《实施意见》",
    "国务院印发方案",
    "经济稳定增长",
    "（简称“{}”）",
    "{}表示",
)
_ABBREVIATIONS = ("公司（简称“{}”）", "{}称")


def _document(rng: random.Random, names: list[str]) -> list[str]:
    texts = []
    for _ in range(rng.randint(1, 30)):
        pieces = _ABBREVIATIONS if rng.random() < 0.4 else _PIECES
        parts = [rng.choice(pieces).format(rng.choice(names)) for _ in range(rng.randint(1, 3))]
        texts.append("，".join(parts) + "。")
    return texts


def test_short_names_and_abbreviations_lean_on_the_same_sentences_as_the_rescanning_rule() -> None:
    rng = random.Random(17)
    for _ in range(600):
        # Up to 24 distinct abbreviations: both ways of finding them (few, many) are compared.
        pool = [a + b for a in "京津冀中北" for b in "投发新证控"]
        names = [rng.choice(pool) for _ in range(rng.randint(1, 24))]
        texts = _document(rng, names)
        refs = _reference_refs(texts)
        needs = needs_of(texts)
        for i, text in enumerate(texts):
            # needs_of adds dangling openers and lists on top; every reference it has is ours, and
            # every one of ours is in it.
            assert refs[i] <= needs[i], (texts, i)
            extra = needs[i] - refs[i]
            assert extra <= {i - 1} | set(range(max(0, i - 8), i)), (text, extra)


def test_a_lede_is_searched_for_its_headline_and_main_clause_only_near_its_start() -> None:
    """Bounded look-ahead keeps a hostile run of commas linear (bench_adversarial times it): the
    clause headline reads the first _CLAUSE_SPAN characters, the preamble search _PREAMBLE_SPAN."""
    from datetime import UTC, datetime

    from digests.lede_trim import _PREAMBLE_SPAN, tighten
    from digests.textdoc import _CLAUSE_SPAN, article_from_text

    far = "为" + "啊，" * (_PREAMBLE_SPAN // 2 + 5) + "31日最高检发布了一份意见全文。"
    assert tighten(far) == far  # a main clause beyond the span is not looked for
    near = "为保护权益，31日最高检发布了一份意见全文。"
    assert tighten(near) == "31日最高检发布了一份意见全文。"
    lede = "近日，外交部发布消息，国家主席习近平将出席成都大运会开幕式，" + "并举行双边活动，" * 10_000 + "。"
    assert len(lede) > 100 * _CLAUSE_SPAN
    title = article_from_text("x", lede + "下一句。", datetime(2023, 1, 1, tzinfo=UTC), category="c").title
    assert title.startswith("国家主席习近平将出席成都大运会开幕式")
