"""Messages queued in each recipient's script (简, 繁, 港, 台: bot.chats), so that an outbox row
holds exactly what is sent; rendering stays Simplified, and the article as it was published."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from digests.render import in_script

Scripts = Callable[[Iterable[int]], Mapping[int, str]]


@dataclass(frozen=True)
class InScripts:
    scripts: Scripts | None = None  # each chat's script (ChatStore.scripts); None: as rendered

    def per_chat(self, per_chat: Mapping[int, str]) -> dict[int, str]:
        """Each chat's message in its script (each distinct text and script converted once)."""
        if self.scripts is None:
            return dict(per_chat)
        codes = self.scripts(per_chat)
        done: dict[tuple[str, str], str] = {}
        out = {}
        for chat, html in per_chat.items():
            key = (html, codes.get(chat, ""))
            if key not in done:
                done[key] = in_script(*key) if key[1] else html
            out[chat] = done[key]
        return out

    def parts(self, chat_id: int, messages: Sequence[str]) -> list[str]:
        """The parts of one chat's message in its script."""
        code = self.scripts([chat_id]).get(chat_id) if self.scripts is not None else None
        return [in_script(html, code) for html in messages] if code else list(messages)
