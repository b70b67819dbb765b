"""A front told by its headline keeps its report's words where the headline only shortened them."""

from __future__ import annotations

from digests.roundup import roundup
from tests.test_dedup import art

NOTICE = art(
    "fx",
    "北京防汛办：全市共转移群众5.2万多人，所有景区民宿关闭",
    "截至7月31日20时，北京全市共转移受威胁群众52384人；107条山区道路封闭。在建工地共停工4069项，"
    "全市所有景区、乡村民宿全部关闭。",
    "21:56",
    outlet="南都",
)


def test_a_headline_clause_the_headline_only_shortened_is_told_in_its_reports_words() -> None:
    text, told = roundup("门头沟区在河道中发现2人。", [(NOTICE, NOTICE.title)], 400, most=1)
    assert told == (0,)
    assert "全市所有景区、乡村民宿全部关闭" in text and "，所有景区民宿关闭" not in text
    # a clause the report words with other figures is the headline's own (5.2万多人, not 52384人)
    assert "全市共转移群众5.2万多人" in text
