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
