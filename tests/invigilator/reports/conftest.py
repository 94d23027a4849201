"""PDFs rendered once per module, and the poppler and zbar tools that read them back."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from protocol.keys import KeyPair

TOOLS = {"pdftotext": "poppler-utils", "pdftoppm": "poppler-utils", "pdffonts": "poppler-utils",
         "pdfinfo": "poppler-utils", "zbarimg": "zbar-tools"}


def need(tool: str) -> str:
    """The tool's path; without it, fail in CI (.ci/run installs it) and skip elsewhere, saying which package."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is needed to read the PDFs back: install Debian's {TOOLS[tool]} (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def pdf_text(pdf: Path, *pages: int, raw: bool = False) -> str:
    """The PDF's text: laid out as on the page, or ``raw`` in drawing order (a wrapped cell stays together)."""
    args = [need("pdftotext"), "-raw" if raw else "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run([need("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_fonts(pdf: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font the PDF uses."""
    out = subprocess.run([need("pdffonts"), str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # columns: name, type (may hold a space), encoding, emb, sub, uni, object, generation: count from the end
        rows.append((parts[0], parts[-5]))
    return rows


def render_page(pdf: Path, page: int, out: Path, dpi: int = 150) -> Path:
    subprocess.run([need("pdftoppm"), "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(out)], check=True)
    return out.with_suffix(".png")


def scan_qr(image: Path) -> list[str]:
    """Every QR code zbarimg finds on the image, as text."""
    run = subprocess.run([need("zbarimg"), "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
                         capture_output=True, text=True)
    return [line for line in run.stdout.splitlines() if line]


@pytest.fixture(scope="session")
def center_keys():
    return KeyPair.generate("Lycée Jean-Jaurès")
