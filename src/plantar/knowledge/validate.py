"""Compile the YAML data files into a validated ``Compiled`` knowledge base.

Every problem is collected (not just the first) with the file and line it comes from:
YAML syntax, duplicate keys, wrong types or unknown keys, duplicate ids, dangling references
and the meaning checks of ``checks.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec

from plantar.knowledge import yamlsource
from plantar.knowledge.checks import CHECKS
from plantar.knowledge.model import PART_TYPES, Compiled, KnowledgeBase
from plantar.knowledge.problems import KnowledgeError, Problem
from plantar.knowledge.refs import iter_refs
from plantar.knowledge.schema import KINDS, Record

_PATH_TOKEN = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_AT = re.compile(r" - at `\$([^`]*)`$")
_UNKNOWN = re.compile(r"unknown field `([^`]+)`")


def _msgspec_path(message: str) -> tuple[tuple[str | int, ...], str]:
    """Split a msgspec error into the path it names and the message without it."""
    path: tuple[str | int, ...] = ()
    at = _AT.search(message)
    if at:
        for name, index in _PATH_TOKEN.findall(at.group(1)):
            path = (*path, int(index) if index else name)
        message = message[: at.start()]
    unknown = _UNKNOWN.search(message)
    if unknown:
        path = (*path, unknown.group(1))
    return path, message


def _convert_all(
    parsed: yamlsource.ParsedFile, record_type: type[Record], rel: str, problems: list[Problem]
) -> tuple[list[Any], list[int]]:
    """Validate each item on its own so that one bad record does not hide the others."""
    data = parsed.data if parsed.data is not None else []
    if not isinstance(data, list):
        problems.append(Problem(rel, 1, "the file must be a YAML list of records"))
        return [], []
    records: list[Any] = []
    positions: list[int] = []
    for index, item in enumerate(data):
        try:
            records.append(msgspec.convert(item, record_type, strict=True))
            positions.append(index)
        except msgspec.ValidationError as exc:
            path, message = _msgspec_path(str(exc))
            if path and not _UNKNOWN.search(message):  # say which field: "title: ... `ru`"
                message = ".".join(map(str, path)) + ": " + message
            problems.append(Problem(rel, parsed.line_of((index, *path)), message))
    return records, positions


def compile_dir(data_dir: Path, digest: str) -> Compiled:
    """Parse and validate every data file; raise ``KnowledgeError`` listing all problems."""
    problems: list[Problem] = []
    parsed: dict[str, yamlsource.ParsedFile] = {}
    loaded: dict[str, list[Any]] = {}
    positions: dict[str, list[int]] = {}
    types = PART_TYPES
    files = {name: name for name in types}
    for kind, stem in files.items():
        path = data_dir / f"{stem}.yaml"
        rel = f"{data_dir.name}/{path.name}"
        if not path.exists():
            problems.append(Problem(rel, 1, "data file is missing"))
            loaded[kind], positions[kind] = [], []
            continue
        parsed[kind] = yamlsource.parse(path)
        problems.extend(Problem(rel, line, msg) for line, msg in parsed[kind].problems)
        loaded[kind], positions[kind] = _convert_all(parsed[kind], types[kind], rel, problems)

    def where(kind: str, key: str | int, path: tuple[str | int, ...]) -> tuple[str, int]:
        rel = f"{data_dir.name}/{files[kind]}.yaml"
        if kind not in parsed:
            return rel, 1
        if isinstance(key, int):
            index = key if key >= 0 else None
        else:
            index = next(
                (positions[kind][i] for i, r in enumerate(loaded[kind]) if r.id == key), None
            )
        if index is None:
            return rel, 1
        return rel, parsed[kind].line_of((index, *path))

    # Ids are unique across all kinds: `kb show ID` needs no kind.
    first_seen: dict[str, str] = {}
    for kind in KINDS:
        for position, record in zip(positions[kind], loaded[kind], strict=True):
            if record.id in first_seen:
                rel = f"{data_dir.name}/{kind}.yaml"
                problems.append(
                    Problem(
                        rel,
                        parsed[kind].line_of((position, "id")),
                        f"id {record.id!r} is already used in {first_seen[record.id]}",
                    )
                )
            else:
                first_seen[record.id] = kind

    for kind, record_type in types.items():
        for position, record in zip(positions[kind], loaded[kind], strict=True):
            for ref_path, kinds, target in iter_refs(record, record_type):
                owner = first_seen.get(target)
                if owner is None or ("*" not in kinds and owner not in kinds):
                    wanted = "any record" if "*" in kinds else " or ".join(kinds)
                    got = f"a record of {owner}" if owner else "nothing"
                    rel = f"{data_dir.name}/{files[kind]}.yaml"
                    problems.append(
                        Problem(
                            rel,
                            parsed[kind].line_of((position, *ref_path)),
                            f"{'.'.join(map(str, ref_path))} names {target!r}, which is {got}; "
                            f"expected an id of {wanted}",
                        )
                    )

    compiled = Compiled(digest, {name: loaded[name] for name in types})
    kb = KnowledgeBase(compiled)
    article = (data_dir / "article.en.txt").read_text(encoding="utf-8")
    for fn in CHECKS:
        for issue in fn(kb, article):
            rel, line = where(issue.kind, issue.key, issue.path)
            problems.append(Problem(rel, line, issue.message))

    if problems:
        raise KnowledgeError(sorted(set(problems)))
    return compiled
