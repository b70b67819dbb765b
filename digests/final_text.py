"""The last pass over an item's text once its headline is final: what a sub-editor strikes.

The headline is said once (digests.restated.text_after; a clause of it not again later), a total
once before its breakdown, a document's release joined to what it decides, a storm's full
designation, a warning's level and an opening day once, a measure's newer reading with its earlier
one, a report cited by who made it (not who relayed it), a forecast whose window has passed by the
time the page is read and a distance from the latest price go, a document's directive is said to be
the document's (《措施》还要求落实…), and the month's dates are told by their day.
"""

from __future__ import annotations

from datetime import date, datetime

from digests.designations import hyphenated
from digests.directives import directives_attributed
from digests.document_joined import release_joined
from digests.forecasts import without_passed_forecasts
from digests.lede_trim import unrelayed
from digests.restated import (
    clause_not_retold,
    date_once,
    level_not_retold,
    named_once,
    reading_joined,
    record_said_once,
    text_after,
    total_not_retold,
)
from digests.timewords import in_month, without_moving_base

__all__ = ["final_text"]


def final_text(title: str, text: str, *, written: date, read: datetime) -> str:
    """``text`` under ``title`` as the page shows it: written on ``written``, read at ``read`` (local)."""
    opened = release_joined(title, text_after(title, text))
    told_once = date_once(level_not_retold(reading_joined(named_once(total_not_retold(opened)))))
    told_once = record_said_once(title, clause_not_retold(title, told_once))
    told_once = directives_attributed(without_moving_base(unrelayed(told_once)))
    return hyphenated(in_month(without_passed_forecasts(told_once, written, read), written.month))
