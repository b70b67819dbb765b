"""A forecast whose window has passed by the time the page is read is not shown as one."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from digests.forecasts import without_passed_forecasts
from tests.test_dedup import art
from tests.test_digest import UNTIL, compose

FORECAST = (
    "据会商研判，台风“杜苏芮”26日夜间至27日早晨将移入南海东北部，逐渐向闽粤沿海靠近，"
    "并将于28日早晨至上午在福建福清到广东惠来一带沿海登陆。"
)


def test_a_window_over_by_the_morning_after_goes_and_the_next_clause_is_the_forecast() -> None:
    shown = without_passed_forecasts(FORECAST, date(2023, 7, 26), datetime(2023, 7, 27, 8))
    assert (
        shown == "据会商研判，台风“杜苏芮”将逐渐向闽粤沿海靠近，并将于28日早晨至上午在福建福清到广东惠来一带沿海登陆。"
    )


def test_a_window_still_ahead_of_the_reader_stays() -> None:
    assert without_passed_forecasts(FORECAST, date(2023, 7, 26), datetime(2023, 7, 26, 20)) == FORECAST
    # a day that is neither the writing day nor the next is not guessed at
    assert without_passed_forecasts(FORECAST, date(2023, 7, 20), datetime(2023, 7, 27, 8)) == FORECAST
    # a forecast that ends its sentence is the news, not a clause before it
    alone = "台风26日夜间将移入南海东北部。"
    assert without_passed_forecasts(alone, date(2023, 7, 26), datetime(2023, 7, 27, 8)) == alone


def test_a_digest_drops_the_forecasts_its_reader_has_outlived() -> None:
    body = "台风“杜苏芮”8日夜间至9日早晨将移入南海东北部，并将于10日上午在福建沿海登陆。"
    storm = [
        art(f"s{k}", "台风“杜苏芮”将在福建沿海登陆", body, "21:00", outlet=o)
        for k, o in enumerate(["新华社", "中新社"])
    ]
    # the morning page (window closing 9日08:00)
    (item,) = compose(storm, top_n=1).items
    assert "9日早晨将移入" not in item.text and "10日上午在福建沿海登陆" in item.text
    # a page made at 22:00 on the 8th, read that evening: the night is still ahead
    (evening,) = compose(storm, top_n=1, until=UNTIL - timedelta(hours=10)).items
    assert "8日夜间至9日早晨将移入南海东北部" in evening.text
