"""A document's directive told as the document's: 《措施》还要求落实…, not a bare 落实….

A report lists a document's measures under headings (扩大新能源汽车消费。落实构建高质量充电基础设施体系、…等
政策。); the item keeps a measure and not its heading, and the measure then reads as an order in the
desk's own voice, with no subject. Once the text has said what the document requires (《措施》要求…),
each later sentence that opens on a directive verb is said to be the document's too.
"""

from __future__ import annotations

from digests import hanzi
from digests.sentences import split_text

__all__ = ["directives_attributed"]

# 《措施》要求 / 《方案》提出: the document's short name, as the text has it require something
_REQUIRES = hanzi.compile(r"(?P<doc>《[^》]{1,12}》)(?:还)?(?:要求|提出|明确|规定)")
_DIRECTIVE = hanzi.compile(r"^(?:落实|加快|推动|推进|加强|强化|支持|鼓励|完善|优化|扩大|提升|延续|实施|建立|健全|引导)")


def directives_attributed(text: str) -> str:
    """``text`` with each sentence after the one saying what a document requires (《措施》要求…) that opens
    on a directive verb (落实…, 支持…) said to be the document's (《措施》还要求落实…)."""
    sentences = split_text(text)
    out: list[str] = []
    doc = ""
    for sentence in sentences:
        if doc and _DIRECTIVE.match(sentence):
            sentence = f"{doc}还要求{sentence}"
        elif found := _REQUIRES.search(sentence):
            doc = found.group("doc")
        out.append(sentence)
    return "".join(out) if out else text
