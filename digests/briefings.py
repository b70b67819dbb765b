"""A spokesperson's briefing read as news: the Q&A transcript's answer, not its question, opens an item."""

from __future__ import annotations

from digests import hanzi

__all__ = ["answered"]

# A spokesperson's Q&A transcript: 外交部发言人就…答记者问 / 问：… / 答：中方坚决反对…
_QA_SPEAKER = hanzi.compile(r"([\u4e00-\u9fff]{2,6}?发言人)(?:[\u4e00-\u9fff]{2,3})?(?P<day>\d{1,2}日)?就")
_ANSWER = hanzi.compile(r"^\s*答[：:]\s*")
_QUESTION = hanzi.compile(r"问[：:]")
_REPORTED = hanzi.compile(r"问[：:]\s*(?:据(?:报道|悉|了解)|有报道称)[，,]\s*(?P<fact>[^？?。]{10,}。)")


def answered(opening: list[str], day: str = "") -> list[str]:
    """A Q&A transcript's opening from its answer, told as the speaker's on the day it gives, else on
    ``day``, the day the transcript was published (外交部发言人3日表示，中方坚决反对…): the question only
    restates what was reported; the news is what the spokesperson said, and when."""
    at = next((k for k, sentence in enumerate(opening) if _ANSWER.match(sentence)), None)
    if at is None or not any(_QUESTION.search(sentence) for sentence in opening[:at]):
        return opening
    asked = "".join(opening[:at])
    who = _QA_SPEAKER.search(asked)
    answer = _ANSWER.sub("", opening[at])
    said = f"{who.group(1)}{who.group('day') or day}表示" if who else ""
    # The question's reported fact is the news the answer is about (据报道，赖清德将于12日…“过境”美国).
    reported = _REPORTED.search(asked)
    if not reported:
        return [f"{said}，{answer}" if who else answer, *opening[at + 1 :]]
    # After the fact, the answer's first clause is the position (中方坚决反对任何形式的美台官方往来): both fit.
    stance = answer.split("，", 1)[0].rstrip("。") + "。"
    return [reported.group("fact"), f"{said}，{stance}" if who else stance, *opening[at + 1 :]]
