"""The ``plantar`` command (``main``): the click group lives in ``plantar.cli.app``.

This module imports nothing heavy, so ``main`` can answer the one command that scripts run
in a loop, ``plantar kb show ID --json``, without importing click (``plantar.cli.quick``);
every other command line, and that one whenever anything about it is not plain (an unknown
id, a bad language, a knowledge base with problems), goes to click, which says it properly.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing's own import costs 10 ms of start-up; mypy reads this name
if TYPE_CHECKING:
    from typing import Any

    from plantar.cli.app import cli as cli


def main() -> None:
    from plantar.cli import quick

    if quick.answered(sys.argv[1:]):
        return
    from plantar.cli.app import run

    run()


def __getattr__(name: str) -> Any:
    """``plantar.cli.cli`` (the click group), imported when first asked for."""
    if name == "cli":
        from plantar.cli import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
