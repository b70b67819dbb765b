"""The layout the code is held to: no import cycles, the core never imports the bot, small modules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.helpers import REPO

PACKAGES = ("digests", "bot")


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """module → project modules it imports anywhere in its body (late imports count too)."""
    modules = {_module_name(p): p for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                base = node.module
                targets |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules}
                targets.add(base)
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
        graph[name] = {t for t in targets if t in modules and t != name and not name.startswith(t + ".")}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def imported_roots(source: str) -> set[str]:
    """Top-level packages a module imports (``telegram`` for ``from telegram.ext import …``)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_bot_tables_owners_import_no_telegram_and_nothing_of_the_bot_above_them() -> None:
    """bot/stores/ holds the bot's tables (one owner each): handlers and delivery build on it, not it on them."""
    graph = import_graph()
    stores = {m for m in graph if m.startswith("bot.stores")}
    assert {"bot.stores.chats", "bot.stores.outbox", "bot.stores.watchlist"} <= stores
    texts = {"bot", "bot.admin_texts", "bot.texts"}
    above = {(m, t) for m in stores for t in graph[m] if t.startswith("bot") and not t.startswith("bot.stores")}
    assert {(m, t) for m, t in above if t not in texts} == set()
    assert [p.name for p in (REPO / "bot" / "stores").glob("*.py") if "telegram" in imported_roots(p.read_text())] == []


def test_there_is_no_import_cycle() -> None:
    assert find_cycle(import_graph()) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_the_core_never_imports_the_bot_and_delivery_never_imports_handlers_or_state() -> None:
    graph = import_graph()
    assert not {(m, t) for m, ts in graph.items() if m.startswith("digests") for t in ts if t.startswith("bot")}
    # Delivery may use the stores of the bot's tables and the admins' texts; nothing of the handlers.
    allowed = {"bot", "bot.admin_texts", "bot.texts"}
    delivery = {
        (m, t)
        for m, ts in graph.items()
        if m.startswith("bot.delivery")
        for t in ts
        if t.startswith("bot") and not t.startswith(("bot.delivery", "bot.stores")) and t not in allowed
    }
    assert not delivery


def python_files() -> list[Path]:
    """Every Python file of the repository: the packages, the tests and the benchmarks."""
    return sorted(p for top in (*PACKAGES, "tests", "benchmarks") for p in (REPO / top).rglob("*.py"))


def test_no_python_file_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in python_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_the_line_check_reads_the_tests_and_the_benchmarks() -> None:
    names = {str(p.relative_to(REPO)) for p in python_files()}
    assert {"tests/test_layout.py", "benchmarks/bench_store.py", "digests/store.py", "bot/web/webapp.py"} <= names


_CLOCK_READS = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"), ("time", "time")}


def clock_reads(source: str) -> list[str]:
    """Calls that read the calendar clock directly (datetime.now(), time.time(), date.today())."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Name) and (owner.id, node.func.attr) in _CLOCK_READS:
                found.append(f"{owner.id}.{node.func.attr}() line {node.lineno}")
    return found


def test_only_digests_clock_reads_the_system_clock() -> None:
    """The tests too: they hand the application a clock they move (tests.helpers.MovingClock). The fake
    Bot API is the world outside: it dates its messages by its own clock, as Telegram does."""
    outside = {REPO / "digests" / "clock.py", *(REPO / "tests" / "fake_telegram").glob("*.py")}
    readers = {
        str(p.relative_to(REPO)): reads
        for top in (*PACKAGES, "tests")
        for p in (REPO / top).rglob("*.py")
        if p not in outside and (reads := clock_reads(p.read_text(encoding="utf-8")))
    }
    assert readers == {}


def test_the_clock_read_finder_sees_a_direct_read() -> None:
    assert clock_reads("from datetime import datetime\nx = datetime.now(UTC)\n") == ["datetime.now() line 2"]


def test_only_bot_lifecycle_walks_the_applications_start_up_and_shutdown_steps() -> None:
    """Webhook, console and tests start and stop through bot.lifecycle (polling: run_polling)."""
    steps = re.compile(r"await \w+\.(?:post_init|post_stop|post_shutdown)\(")
    walkers = {
        str(p.relative_to(REPO))
        for top in ("bot", "tests")
        for p in (REPO / top).rglob("*.py")
        if steps.search(p.read_text(encoding="utf-8"))
    }
    assert walkers == {"bot/lifecycle.py"}
