"""Play a Telegram user against a local newsbot: ``python -m tests.fake_telegram [--port 8081]``.

Serves the Bot API stand-in on 127.0.0.1 and makes this terminal a private chat with the bot: each
line typed is a message from the user (a number presses that button of the bot's last keyboard),
and every message the bot sends or edits is printed.  Point ``telegram.base_url`` at it (with its
token) to run ``newsbot run`` in polling or webhook mode without Telegram; see the README.
"""

from __future__ import annotations

import argparse
import sys
import threading

from tests.fake_telegram.records import SentMessage
from tests.fake_telegram.server import FakeTelegram


def _shown(message: SentMessage) -> str:
    """The message as its reader sees it, with the address behind each link and URL button."""
    links = [e["url"] for e in message.entities if e.get("type") == "text_link"]
    buttons = "  ".join(
        f"[{i}] {b['text']}" + (f" ({b['url']})" if "url" in b else "") for i, b in enumerate(message.buttons(), 1)
    )
    edited = "(edited) " if message.kind != "send" else ""
    lines = [f"\n{edited}{message.plain_text}", *(f"  link: {url}" for url in links)]
    return "\n".join(lines + ([buttons] if buttons else []))


def _print_bot_messages(tg: FakeTelegram, chat_id: int, stop: threading.Event) -> None:
    seen = 0
    while not stop.is_set():
        try:
            tg.wait_until_sync(lambda shown=seen: len(tg.log(chat_id)) > shown, timeout=0.5)
        except AssertionError:
            continue  # nothing new within half a second: look at `stop` again
        for message in tg.log(chat_id)[seen:]:
            print(_shown(message), flush=True)
        seen = len(tg.log(chat_id))


def _press(tg: FakeTelegram, chat_id: int, number: int) -> bool:
    with_buttons = [m for m in tg.log(chat_id) if m.callback_data()]
    if not with_buttons:
        return False
    last = tg.current(chat_id, with_buttons[-1].message_id) or with_buttons[-1]
    data = last.callback_data()
    if not 1 <= number <= len(data):
        return False
    tg.user_presses(chat_id, last.message_id, data[number - 1])
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fake_telegram", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8081, help="port of the stand-in (default 8081)")
    parser.add_argument("--user", type=int, default=42, help="your user id (default 42: put it in telegram.admins)")
    args = parser.parse_args(argv)
    fake = FakeTelegram(port=args.port)
    with fake.running_in_thread() as tg:
        tg.add_chat(args.user, chat_type="private", first_name="You")
        print(
            f"Bot API stand-in at {tg.base_url} (token {tg.token}).\n"
            f"You are user {args.user}: type messages for the bot, a number presses a button, Ctrl-D quits.",
            flush=True,
        )
        stop = threading.Event()
        printer = threading.Thread(target=_print_bot_messages, args=(tg, args.user, stop), daemon=True)
        printer.start()
        try:
            for line in sys.stdin:
                text = line.strip()
                if text.isdigit() and _press(tg, args.user, int(text)):
                    continue
                if text:
                    tg.user_sends(args.user, text)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            printer.join(timeout=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
