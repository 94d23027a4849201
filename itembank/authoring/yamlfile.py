"""Reading YAML with the line of every value, so problems can name ``file:line``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is much faster on large banks; pure Python is the fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class YamlDocument:
    """A parsed YAML file: its data and a way to turn a key path into ``file:line``."""

    def __init__(self, path: Path, display: str, data: Any, lines: dict[tuple[str, ...], int]):
        self.path = path
        self.display = display
        self.data = data
        self._lines = lines

    def locate(self, key_path: tuple[str | int, ...]) -> str:
        parts = tuple(str(p) for p in key_path)
        while parts and parts not in self._lines:
            parts = parts[:-1]
        return f"{self.display}:{self._lines.get(parts, 1)}"


MAX_DEPTH = 64
"""Deepest nesting of lists and mappings in a source file; items use fewer than ten levels."""


class _TooDeep(Exception):
    def __init__(self, node: yaml.Node):
        super().__init__(node)
        self.node = node


class _AliasFound(Exception):
    """A node is reached twice: an alias reuses an anchored value."""

    def __init__(self, node: yaml.Node):
        super().__init__(node)
        self.node = node


def _walk(node: yaml.Node, path: tuple[str, ...], lines: dict[tuple[str, ...], int], seen: set[int],
          depth: int = 0) -> None:
    # The composer gives an alias the very node of its anchor, so a node met twice is an alias.
    # Refusing them keeps the work linear in the file's size: nine nested aliases of a
    # 400-byte file would otherwise expand to billions of values (an "alias bomb").
    if id(node) in seen:
        raise _AliasFound(node)
    if depth > MAX_DEPTH:
        raise _TooDeep(node)
    seen.add(id(node))
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, str(key_node.value))
            lines[key_path] = key_node.start_mark.line + 1
            _walk(value_node, key_path, lines, seen, depth + 1)
            lines[key_path] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _walk(child, (*path, str(index)), lines, seen, depth + 1)


def _first_alias(text: str) -> int | None:
    """The line of the first alias (``*name``) of ``text``, or None; scanning events is linear."""
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                return int(event.start_mark.line) + 1
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its line
    finally:
        loader.dispose()
    return None


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Parse one YAML file; raise ``ValueError('file:line: …')`` when it is not valid YAML.

    Anchors may be written but aliases (``*name``, ``<<: *name``) are refused: an author gains
    little from them and a hostile file can make them cost exponential time and memory.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{display}:1: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    loader = _Loader(text)
    lines: dict[tuple[str, ...], int] = {}
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(node, (), lines, set())
        data = loader.construct_document(node) if node is not None else None
    except _AliasFound as found:
        line = _first_alias(text) or found.node.start_mark.line + 1
        raise ValueError(f"{display}:{line}: YAML aliases (*name) are not allowed in a bank source; "
                         "write the value out in full") from None
    except _TooDeep as found:
        raise ValueError(f"{display}:{found.node.start_mark.line + 1}: nested deeper than {MAX_DEPTH} levels "
                         "(lists and mappings inside one another)") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ValueError(f"{display}:{line}: not valid YAML ({exc.problem or exc.context})") from None
    except yaml.YAMLError as exc:
        raise ValueError(f"{display}:1: not valid YAML ({exc})") from None
    finally:
        loader.dispose()
    return YamlDocument(path, display, data, lines)
