"""The hub's verification of session packages, in-process: CPU time per candidate (issue 12, "Numbers").

What a hub worker spends on each candidate apart from HTTP, TLS and the database: ``hub.verify.verify_package``
on real packages (the ingest bench's data, ``bench/hub_ingest.py``, generated once and cached), with the bank
opened as the hub's ``BankCache`` opens it (items kept). Every check runs: the center's signature, the
device registry, each bundle's signature, journal chain and contents, the profile, every response
re-scored and every test replayed by the engine.

CPU time (``time.process_time``), not wall time: on a machine shared with other work it is still what a
worker would cost on a core of its own (it still rises somewhat with the load: the cores' caches and
execution units are shared). The best of ``--repeat`` passes over the same packages is reported.
Target: ≤ 4 ms per candidate — the whole budget of a worker that is to ingest 200 candidates a second;
verification must fit in it with room for the storage and the requests.

    python bench/hub_verify.py [--packages 30] [--repeat 3] [--target 4] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _table import Row, report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=30, help="packages verified per pass (about 33 candidates "
                                                                   "each)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--target", type=float, default=4.0, help="ms of CPU per candidate (0: none)")
    parser.add_argument("--profile", action="store_true", help="print where the time goes (cProfile, one pass)")
    parser.add_argument("--cache", default=str(ROOT / ".cache" / "hub_ingest"))
    args = parser.parse_args(argv)

    import hub_ingest

    from hub.home import HubHome
    from hub.verify import verify_package
    from itembank.pbank import open_bank
    from protocol.keys import PublicKeys

    # the ingest bench's data at its default sizes (generated once, cached)
    data_args = argparse.Namespace(candidates=10_000, sessions=300, centers=12, processes=2, cache=args.cache)
    folder, packages = hub_ingest.prepare(data_args)
    keys = HubHome(folder / "hub").require().unseal(hub_ingest.PASSPHRASE)
    publisher = PublicKeys.load(folder / "publisher.pub")
    chosen = packages[:max(1, args.packages)]
    loaded = [((folder / "packages" / p["file"]).read_bytes(), p["center"]) for p in chosen]
    centers = {c: PublicKeys.load(folder / "centers" / f"{c}.pub") for _, c in loaded}
    candidates = sum(p["candidates"] for p in chosen)
    with open_bank(folder / "bank" / "synth.pbank", [publisher], recipient=keys,
                   now=dt.datetime(2026, 11, 22, tzinfo=dt.UTC)) as bank:
        bank.keep_items()  # as hub.banks.BankCache does

        def banks(manifest: str, at: dt.datetime):
            return bank if manifest == bank.manifest_sha256 else None

        def one_pass() -> float:
            began = time.process_time()
            for data, center in loaded:
                verify_package(data, center, centers[center], banks)
            return time.process_time() - began

        verify_package(loaded[0][0], loaded[0][1], centers[loaded[0][1]], banks)  # items decrypted, pool built
        load = os.getloadavg()
        best = min(one_pass() for _ in range(max(1, args.repeat)))
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(one_pass)
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(40)
            stats.sort_stats("tottime").print_stats(40)
    print(f"{candidates} candidates in {len(chosen)} packages, best of {args.repeat} passes; load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    return report("Hub verification of session packages, in-process (CPU time)",
                  [Row("verification CPU per candidate", best / candidates * 1000, args.target or None, "ms")])


if __name__ == "__main__":
    sys.exit(main())
