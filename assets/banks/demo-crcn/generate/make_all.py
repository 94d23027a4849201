"""Rebuild every attachment of the demo bank from its generator script.

    ./run shell python assets/banks/demo-crcn/generate/make_all.py [OUT_DIR]

Each script in this folder defines ``generate(out_dir) -> list[str]`` and is deterministic, so a
rebuild gives the same bytes as the committed files (a test checks it).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def generators() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name and not p.name.startswith("_"))


def run(script: Path, out_dir: Path) -> list[str]:
    spec = importlib.util.spec_from_file_location(f"demo_generate_{script.stem}", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.generate(out_dir))


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else HERE.parent / "attachments"
    out_dir.mkdir(parents=True, exist_ok=True)
    total = 0
    for script in generators():
        names = run(script, out_dir)
        total += len(names)
        print(f"{script.name}: {len(names)} files")
    print(f"{total} attachments in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
