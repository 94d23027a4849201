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


def _walk(node: yaml.Node, path: tuple[str, ...], lines: dict[tuple[str, ...], int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, str(key_node.value))
            lines[key_path] = key_node.start_mark.line + 1
            _walk(value_node, key_path, lines)
            lines[key_path] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _walk(child, (*path, str(index)), lines)


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Parse one YAML file; raise ``ValueError('file:line: …')`` when it is not valid YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{display}:1: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ValueError(f"{display}:{line}: not valid YAML ({exc.problem or exc.context})") from None
    finally:
        loader.dispose()
    lines: dict[tuple[str, ...], int] = {}
    if node is not None:
        _walk(node, (), lines)
    return YamlDocument(path, display, data, lines)
