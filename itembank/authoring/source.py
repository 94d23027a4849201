"""Loading, validating and writing a bank source folder.

Validation reports every problem at once, each as ``file:line: message``; a folder with any
problem never builds. Warnings (an attachment nobody uses…) are reported but do not block.
"""

from __future__ import annotations

import os
import stat
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from itembank.authoring.yamlfile import YamlDocument, read_yaml
from itembank.bank import BankMeta, BankSource
from itembank.errors import AuthoringError
from itembank.framework import Framework
from itembank.item_parser import parse_item
from itembank.model import ITEM_KEYS, Item, Problems
from itembank.profile import ExamProfile

ATTACHMENT_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".svg": "image/svg+xml", ".webp": "image/webp", ".pdf": "application/pdf", ".csv": "text/csv",
    ".txt": "text/plain", ".md": "text/markdown", ".py": "text/x-python", ".json": "application/json",
    ".html": "text/html", ".xml": "application/xml", ".log": "text/plain", ".eml": "message/rfc822",
    ".ics": "text/calendar", ".vcf": "text/vcard",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".wav": "audio/wav", ".mp4": "video/mp4", ".webm": "video/webm",
}
REQUIRED_FILES = ("bank.yaml", "competences.yaml", "profile.yaml")
MIB = 1024 * 1024


@dataclass(frozen=True)
class SizeLimits:
    """Caps on what a bank carries; a kiosk decrypts an attachment whole, so each must stay small.

    The defaults leave room for a short video per question and keep a bank copyable to every
    kiosk of a room in seconds; ``pupitre-bank build --max-attachment-mb/--max-bank-mb`` raise them.
    """

    attachment_bytes: int = 20 * MIB
    bank_bytes: int = 100 * MIB


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _read_attachments(attach_dir: Path, limits: SizeLimits, report: SourceReport) -> dict[str, bytes]:
    """Read every regular file under ``attach_dir``; refuse links and special files by name.

    A link is never followed: ``attachments/x -> /etc/passwd`` would put a file of the machine
    that builds the bank into it, and a dangling or looping link would vanish without a word.
    """
    attachments: dict[str, bytes] = {}
    total = 0
    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename).relative_to(attach_dir).as_posix() if exc.filename else ""
        report.problems.append(f"attachments/{where}: cannot be listed ({exc.strerror or exc})")

    for folder, dirs, files in os.walk(attach_dir, onerror=unreadable, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):  # os.walk lists a link to a folder among the folders, without entering it
            if (here / name).is_symlink() and not name.startswith("."):
                files.append(name)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for file_name in sorted(files):
            if file_name.startswith("."):
                continue
            path = here / file_name
            name = path.relative_to(attach_dir).as_posix()
            try:
                info = path.lstat()
            except OSError as exc:
                report.problems.append(f"attachments/{name}: cannot be read ({exc.strerror or exc})")
                continue
            if stat.S_ISLNK(info.st_mode):
                report.problems.append(f"attachments/{name}: a symbolic link (to {os.readlink(path)}); links are "
                                       "not followed: copy the file itself into attachments/")
                continue
            if not stat.S_ISREG(info.st_mode):
                report.problems.append(f"attachments/{name}: {_kind(info.st_mode)}, not a file; remove it")
                continue
            if path.suffix.lower() not in ATTACHMENT_TYPES:
                report.problems.append(f"attachments/{name}: file type '{path.suffix}' is not supported "
                                       f"({', '.join(sorted(ATTACHMENT_TYPES))})")
                continue
            if info.st_size > limits.attachment_bytes:
                report.problems.append(f"attachments/{name}: {info.st_size / MIB:,.1f} MiB, more than the "
                                       f"{limits.attachment_bytes / MIB:,.0f} MiB an attachment may have "
                                       "(--max-attachment-mb)")
                continue
            data = _read_regular(path, name, report)
            if data is None:
                continue
            if not data:
                report.warnings.append(f"attachments/{name}: empty file (0 bytes)")
            total += len(data)
            attachments[name] = data
    if total > limits.bank_bytes:
        report.problems.append(f"attachments/: {total / MIB:,.1f} MiB in all, more than the "
                               f"{limits.bank_bytes / MIB:,.0f} MiB a bank may hold (--max-bank-mb); remove unused "
                               "or oversized files")
    return attachments


def _read_regular(path: Path, name: str, report: SourceReport) -> bytes | None:
    """The bytes of ``path``, opened without following a link swapped in since it was listed."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        report.problems.append(f"attachments/{name}: cannot be read ({exc.strerror or exc})")
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            report.problems.append(f"attachments/{name}: not a regular file; remove it")
            return None
        return handle.read()


@dataclass
class SourceReport:
    """What validation found; ``source`` is set only when there is no problem."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: BankSource | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _read(root: Path, relative: str, report: SourceReport) -> YamlDocument | None:
    path = root / relative
    if not path.is_file():
        report.problems.append(f"{relative}: missing (a bank source needs {', '.join(REQUIRED_FILES)})")
        return None
    try:
        return read_yaml(path, relative)
    except ValueError as exc:
        report.problems.append(str(exc))
        return None


def _items_of(doc: YamlDocument, report: SourceReport) -> list[tuple[Any, tuple[str | int, ...]]]:
    """An item file holds one item, or ``items:`` — a list of the items of one tube."""
    data = doc.data
    if isinstance(data, dict) and "items" in data and "id" not in data:
        if not isinstance(data["items"], list):
            report.problems.append(f"{doc.locate(('items',))}: 'items' must be a list of items")
            return []
        shared = {k: v for k, v in data.items() if k != "items"}
        return [({**shared, **entry} if isinstance(entry, dict) else entry, ("items", i))
                for i, entry in enumerate(data["items"])]
    return [(data, ())]


def _check_bank(items: list[Item], where: dict[str, str], framework: Framework, profiles: dict[str, ExamProfile],
                attachments: dict[str, bytes], report: SourceReport) -> None:
    codes = set(framework.codes)
    tube_owner: dict[str, str] = {}
    by_id = {item.id: item for item in items}
    tubes_per_competence: dict[str, set[str]] = defaultdict(set)
    used: set[str] = set()
    for item in items:
        at = where[item.id]
        if item.competence not in codes:
            report.problems.append(f"{at}: competence '{item.competence}' is not in competences.yaml")
        owner = tube_owner.setdefault(item.tube, item.competence)
        if owner != item.competence:
            report.problems.append(f"{at}: tube '{item.tube}' already belongs to competence {owner}")
        tubes_per_competence[item.competence].add(item.tube)
        if item.variant_of is not None:
            other = by_id.get(item.variant_of)
            if other is None:
                report.problems.append(f"{at}: variant_of '{item.variant_of}' is not an item of this bank")
            elif other.skill != item.skill:
                report.problems.append(f"{at}: variant_of '{item.variant_of}' tests {other.skill}, not {item.skill}")
        for name in [a.file for a in item.attachments] + [i.file for i in item.illustrations]:
            used.add(name)
            if name and name not in attachments:
                report.problems.append(f"{at}: file '{name}' is not in attachments/")
    for code in framework.codes:
        count = len(tubes_per_competence.get(code, ()))
        for profile in profiles.values():
            needed = profile.per_competence if profile.length >= profile.per_competence * len(codes) else 1
            if count < needed and profile.length >= len(codes):
                report.problems.append(
                    f"items: competence {code} has {count} tube(s); profile '{profile.name}' needs {needed} "
                    "(one question per tube)")
                break
    for name in sorted(set(attachments) - used):
        report.warnings.append(f"attachments/{name}: not used by any item")


def validate_source(folder: str | Path, limits: SizeLimits | None = None) -> SourceReport:
    """Read and check a whole source folder, collecting every problem."""
    root = Path(folder)
    report = SourceReport()
    if not root.is_dir():
        report.problems.append(f"{folder}: not a folder (a bank source is a folder with bank.yaml, items/…)")
        return report
    bank_doc = _read(root, "bank.yaml", report)
    meta = None
    if bank_doc:
        sink = Problems(bank_doc.locate)
        meta = BankMeta.from_dict(bank_doc.data, sink)
        report.problems.extend(sink.messages)

    framework = Framework(())
    comp_doc = _read(root, "competences.yaml", report)
    if comp_doc:
        sink = Problems(comp_doc.locate)
        framework = Framework.from_dict(comp_doc.data, sink)
        report.problems.extend(sink.messages)

    profiles: dict[str, ExamProfile] = {}
    default_profile = ""
    prof_doc = _read(root, "profile.yaml", report)
    if prof_doc:
        data = prof_doc.data if isinstance(prof_doc.data, dict) else {}
        raw = data.get("profiles")
        if not isinstance(raw, dict) or not raw:
            report.problems.append(f"{prof_doc.locate(('profiles',))}: expected profiles: {{name: {{length: …}}}}")
            raw = {}
        for name, body in raw.items():
            sink = Problems(lambda p, n=name: prof_doc.locate(("profiles", n, *p)))
            profiles[str(name)] = ExamProfile.from_dict(body, sink, name=str(name))
            report.problems.extend(sink.messages)
        default_profile = str(data.get("default", next(iter(raw), "")))
        if raw and default_profile not in profiles:
            where = prof_doc.locate(("default",))
            report.problems.append(f"{where}: default profile '{default_profile}' is not defined")

    attachments: dict[str, bytes] = {}
    attach_dir = root / "attachments"
    if attach_dir.is_symlink():
        report.problems.append(f"attachments/: a symbolic link (to {os.readlink(attach_dir)}); links are not "
                               "followed: make it a folder")
    elif attach_dir.is_dir():
        attachments = _read_attachments(attach_dir, limits or SizeLimits(), report)

    items: list[Item] = []
    where: dict[str, str] = {}
    item_dir = root / "items"
    files = sorted(item_dir.rglob("*.yaml")) + sorted(item_dir.rglob("*.yml")) if item_dir.is_dir() else []
    if not files:
        report.problems.append("items/: no item files (*.yaml)")
    for path in files:
        display = path.relative_to(root).as_posix()
        try:
            doc = read_yaml(path, display)
        except ValueError as exc:
            report.problems.append(str(exc))
            continue
        for data, prefix in _items_of(doc, report):
            sink = Problems(lambda p, d=doc, pre=prefix: d.locate((*pre, *p)))
            if isinstance(data, dict):
                for key in data:
                    if key not in ITEM_KEYS and not str(key).startswith("x-"):
                        sink.add((key,), f"unknown field '{key}' (extension fields start with 'x-')")
            item = parse_item(data, sink)
            report.problems.extend(sink.messages)
            if item is None:
                continue
            if item.id in where:
                report.problems.append(f"{doc.locate((*prefix, 'id'))}: item id '{item.id}' is already used "
                                       f"by {where[item.id]}")
                continue
            where[item.id] = doc.locate((*prefix, "id"))
            items.append(item)

    _check_bank(items, where, framework, profiles, attachments, report)
    if report.ok and meta is not None:
        report.source = BankSource(meta, framework, profiles, default_profile, items, attachments)
    return report


def load_source(folder: str | Path, limits: SizeLimits | None = None) -> BankSource:
    """Load a valid source folder, or raise :class:`AuthoringError` listing every problem."""
    report = validate_source(folder, limits)
    if not report.ok or report.source is None:
        raise AuthoringError(report.problems)
    return report.source


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def write_source(bank: BankSource, folder: str | Path) -> Path:
    """Write a bank as a source folder (one file per item), e.g. a synthetic bank for review."""
    root = Path(folder)
    (root / "items").mkdir(parents=True, exist_ok=True)
    (root / "bank.yaml").write_text(_dump(bank.meta.to_dict()), encoding="utf-8")
    (root / "competences.yaml").write_text(_dump(bank.framework.to_dict()), encoding="utf-8")
    profiles = {"default": bank.default_profile,
                "profiles": {name: {k: v for k, v in p.to_dict().items() if k != "name"}
                             for name, p in bank.profiles.items()}}
    (root / "profile.yaml").write_text(_dump(profiles), encoding="utf-8")
    for item in bank.items:
        target = root / "items" / item.competence / f"{item.id}.yaml"
        target.parent.mkdir(exist_ok=True)
        target.write_text(_dump(item.to_dict()), encoding="utf-8")
    if bank.attachments:
        (root / "attachments").mkdir(exist_ok=True)
        for name, data in bank.attachments.items():
            (root / "attachments" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "attachments" / name).write_bytes(data)
    return root
