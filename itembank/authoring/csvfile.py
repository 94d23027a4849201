"""CSV attachments written the way a French spreadsheet opens them without an import dialog.

- ``;`` between fields: with a French locale, LibreOffice Calc and Excel take the comma for the
  decimal separator and the semicolon for the list separator, so a comma-separated file opens in
  one column;
- UTF-8 with a byte-order mark: without it, Excel reads the bytes as Windows-1252 and "Qualité"
  becomes "QualitÃ©";
- CRLF line ends, as RFC 4180 and Windows programs expect; every text editor shows them right;
- decimals with a comma (``3,5``), as a French spreadsheet reads a number;
- quoting only where needed (a field holding ``;``, a quote or a line break), as RFC 4180 says.

Python reads such a file back with ``open(path, encoding="utf-8-sig", newline="")`` and
``csv.reader(file, delimiter=";")``. See docs/authoring.md, "Attachments".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

SEPARATOR = ";"
LINE_END = "\r\n"
ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark


def _field(value: object) -> object:
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return value


def csv_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """The bytes of a CSV file with ``header`` as its first row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_field(v) for v in header])
    for row in rows:
        writer.writerow([_field(v) for v in row])
    return buffer.getvalue().encode(ENCODING)


def write_csv(path: str | Path, header: Sequence[object], rows: Iterable[Sequence[object]]) -> Path:
    """Write a CSV attachment; returns its path."""
    target = Path(path)
    target.write_bytes(csv_bytes(header, rows))
    return target


def read_csv(path: str | Path) -> list[list[str]]:
    """Read a file written by :func:`write_csv` back into rows (header first), for checks and tests."""
    with open(path, encoding=ENCODING, newline="") as file:
        return list(csv.reader(file, delimiter=SEPARATOR))
