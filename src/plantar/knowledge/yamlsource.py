"""Read one YAML data file into plain Python data plus the line of every value.

PyYAML keeps the last of two equal keys without a word; a knowledge file with a duplicated key
would lose data silently, so the node tree is walked here and duplicates are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class ParsedFile:
    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int:
        """Line of the value at ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


def parse(path: Path) -> ParsedFile:
    text = path.read_text(encoding="utf-8")
    loader = yaml.CSafeLoader(text) if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return ParsedFile(path, None, problems=[(line, f"not valid YAML: {exc}")])
    finally:
        loader.dispose()
    parsed = ParsedFile(path, data)
    if node is not None:
        _walk(node, (), parsed)
    return parsed


def _walk(node: yaml.Node, path: Path_, parsed: ParsedFile) -> None:
    parsed.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _walk(child, (*path, index), parsed)
    elif isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                parsed.problems.append(
                    (key_node.start_mark.line + 1, f"key {key!r} appears twice in one record")
                )
            seen.add(key)
            _walk(value_node, (*path, key), parsed)
