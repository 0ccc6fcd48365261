"""Helpers shared by the CLI adapters: loading the data, printing JSON, bad-input errors."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any, NoReturn

import click
import msgspec

from plantar.knowledge import KnowledgeBase, load


def load_kb() -> KnowledgeBase:
    """The knowledge base, or exit 1 listing every data problem (never a traceback)."""
    from plantar.knowledge.problems import KnowledgeError

    try:
        return load()
    except KnowledgeError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(exc.problems)} problem(s) in the knowledge base", err=True)
        sys.exit(1)


def echo_json(data: Any) -> None:
    sys.stdout.write(msgspec.json.format(msgspec.json.encode(data), indent=2).decode() + "\n")


def nearest(value: str, valid: Iterable[str], n: int = 5) -> list[str]:
    import difflib

    choices = list(valid)
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(value.lower(), list(lowered), n=n, cutoff=0.5)
    return [lowered[c] for c in close]


def bad_input(message: str) -> NoReturn:
    """Exit with status 2 and ``message`` on standard error, as click does for usage errors."""
    raise click.UsageError(message)
