"""The people a disaster's headline counts: killed or missing, moved to safety.

A toll counted (致2人死亡, 遇难12人), not a word of it (牺牲自己), is the first fact of any disaster,
and the count of people moved out of harm's way (全市转移群众52384人) its next: a running disaster's
lead tells them first (digests/lineup.subject_fronts).
"""

from __future__ import annotations

from digests import hanzi

_COUNTED_TOLL = hanzi.compile(r"\d+(?:人|名)(?:死亡|遇难|罹难|身亡|丧生|失联)|(?:死亡|遇难|罹难|失联)\d+人")


def lives_lost(title: str) -> bool:
    """The headline counts people killed or missing."""
    return bool(_COUNTED_TOLL.search(title))


# People moved out of harm's way, counted (全市转移群众52384人, 5.2万多人转移): a disaster's next fact.
_COUNTED_MOVED = hanzi.compile(
    r"(?:转移|撤离|安置)(?:群众|人员|居民)?\d+(?:\.\d+)?万?多?(?:余)?人|\d+(?:\.\d+)?万?多?(?:余)?人(?:紧急)?(?:转移|撤离)"
)


def people_counted(title: str) -> int:
    """What people the headline counts, in the order a disaster's lead tells them: 2 killed or missing,
    1 moved to safety, 0 none."""
    return 2 if lives_lost(title) else 1 if _COUNTED_MOVED.search(title) else 0


_TOLL_DECK_MAX = 16  # a toll's own headline short enough to be a deck (北京门头沟暴雨致2人死亡)
_HEADLINE_MAX = 36


def toll_first(title: str, fronts: list[str]) -> tuple[str, int | None]:
    """A disaster lead's headline with its toll ahead of it (北京门头沟暴雨致2人死亡，海河流域发生流域性
    较大洪水): the first fact a reader looks for. Returns the headline and which front's headline went
    into it (its text then does not tell it again); the headline unchanged and None when no front
    counts lives lost under a headline short enough, or the title already does."""
    if lives_lost(title):
        return title, None
    for k, front in enumerate(fronts):
        deck = toll_clause(front)
        if lives_lost(deck) and len(deck) <= _TOLL_DECK_MAX and len(deck) + 1 + len(title) <= _HEADLINE_MAX:
            return f"{deck}，{title}", k
    return title, None


_CLAUSE_BREAK = hanzi.compile(r"[，,！!。\s]+")


def toll_clause(headline: str) -> str:
    """A headline's clauses up to the one that counts people (北京门头沟暴雨致2人死亡 of …，社会救援力量
    紧急响应; 天津静海启用蓄滞洪区，转移3万余人 of …！称牺牲自己历史会铭记); "" when none does."""
    clauses = [c for c in _CLAUSE_BREAK.split(headline.strip()) if c]
    for k, clause in enumerate(clauses):
        if people_counted(clause):
            return "，".join(clauses[: k + 1])
    return ""


# Harm done, to people or to what carries them (两趟列车千余名旅客下车避险, 小清河桥…发生垮塌): what a
# reader of a running disaster looks for among its later fronts.
_HARM = hanzi.compile(
    r"死亡|遇难|罹难|身亡|失联|受伤|被困|围困|滞留|避险|坍塌|垮塌|塌陷|冲毁|冲垮|冲断|坠入|落水|决口|溃堤|溃坝"
)


def harm_told(title: str) -> bool:
    """The headline tells harm done to people or to a bridge, a road, a dam."""
    return bool(_HARM.search(title))
