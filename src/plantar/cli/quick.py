"""``plantar kb show ID --json`` answered without click: the command scripts run in a loop.

Only the plain form is answered here: ``[--lang L] kb show ID --json`` (``--json`` before or
after the id) with a language plantar speaks, ``PLANTAR_LANG`` valid or unset, a knowledge
base without problems and an id that names a record. Anything else returns ``False`` and the
full command line (``plantar.cli.app``) runs and says what is wrong, exactly as it always has.
The JSON does not depend on the language (it carries every text in each of them), and it is
the same bytes as the full command's (``knowledge.shown_json`` keeps them beside the compiled
cache): a test holds the two to each other for every record. Neither click nor msgspec is
imported on this path.
"""

from __future__ import annotations

import sys

from plantar import i18n


def _record_id(args: list[str]) -> str | None:
    """The id of ``[--lang L] kb show ID --json``, or None for any other command line."""
    rest = list(args)
    if rest[:1] == ["--lang"] and len(rest) > 1:
        lang, rest = rest[1], rest[2:]
    elif rest[:1] and rest[0].startswith("--lang="):
        lang, rest = rest[0].removeprefix("--lang="), rest[1:]
    else:
        lang = i18n.DEFAULT
    if lang not in i18n.LANGUAGES or rest[:2] != ["kb", "show"] or len(rest) != 4:
        return None
    given = rest[2:]
    if "--json" not in given:
        return None
    given.remove("--json")
    record_id = given[0]
    return None if record_id.startswith("-") else record_id


def answered(args: list[str]) -> bool:
    """Print the record's JSON and return True when ``args`` is the plain form above."""
    record_id = _record_id(args)
    if record_id is None:
        return False
    try:
        i18n.from_environment()  # a bad PLANTAR_LANG is an error the full command says
    except i18n.UnknownLanguage:
        return False
    from plantar.knowledge import shown_json

    text = shown_json(record_id)
    if text is None:
        return False  # the full command names the problems, or says what might be meant
    sys.stdout.write(text)
    return True
