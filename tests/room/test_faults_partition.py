"""A partition between a kiosk and the console, through a loopback proxy the test controls (issue 10's faults).

The kiosk's test goes on during the partition and journals; the console's status and dashboard
say how long ago the kiosk was heard from (amber, then red, and a "kiosk silent" alert); once
the network is back, the console's replica holds every entry of the journal, once, in order.
Dropping is tried for the full 60 s of issue 10; stalling (connections kept open, bytes held and
delivered late when the link comes back) for 20 s, past the red and the alert.
"""

from __future__ import annotations

import io
import re
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from invigilator.cli import main as console_main
from invigilator.core.alerts import AlertKind
from invigilator.core.dashboard import Freshness
from kiosk.core.session import State
from protocol.keys import ScryptParams
from tests.room.conftest import Console, Kiosk, now, wait_for
from tests.room.proxy import PartitionProxy
from tests.room.test_e2e_sync import to_question


class Behind:
    """The console as a kiosk enrolled through the proxy sees it: the proxy's address, the console's store."""

    def __init__(self, console: Console, proxy: PartitionProxy):
        self._console = console
        self.address = proxy.address

    def __getattr__(self, name: str) -> Any:
        return getattr(self._console, name)


def status_text(console: Console) -> str:
    """``pupitre-invigilator status`` on the console's data folder and database, as a center runs it."""
    key = console.data_dir / "center.key"  # what 'init' leaves; the status command checks it is there
    if not key.exists():
        console.center_keys.save(key, "center secret phrase", ScryptParams(n=2**14))
    out = io.StringIO()
    with redirect_stdout(out):
        assert console_main(["--data-dir", str(console.data_dir), "--db", console.db_url, "status"]) == 0
    return out.getvalue()


def journal_while(kiosk: Kiosk, seconds: float, during=None) -> None:
    """The candidate goes on for ``seconds``: leaves and comes back to the window (free questions, journalled,
    nothing counted), answers now and then, while ``during(elapsed)`` looks at the console."""
    s = kiosk.session
    start = time.monotonic()
    last_answer = start
    while (elapsed := time.monotonic() - start) < seconds:
        if s.state is State.QUESTION:
            s.focus_lost("alt-tab")
            s.focus_regained()
            if time.monotonic() - last_answer > 12 and s.number < s.length:
                kiosk.harness.clock.advance(10)
                s.answer(kiosk.harness.right())
                last_answer = time.monotonic()
        if during is not None:
            during(elapsed)
        time.sleep(0.25)


def looks(console: Console, kiosk: Kiosk) -> dict[str, Any]:
    assert console.store is not None
    view = console.store.kiosks.room_view(now())
    [tile] = [t for t in view.tiles if t.kiosk.id == kiosk.id]
    offline = [a for a in console.store.alerts.alerts(open_only=True, kiosk_id=kiosk.id) if a.kind is AlertKind.OFFLINE]
    return {"tile": tile, "offline": offline}


@pytest.mark.slow
@pytest.mark.parametrize(("mode", "seconds"), [("drop", 60.0), ("stall", 20.0)])
def test_a_partition_loses_and_doubles_nothing_and_the_console_shows_the_silence(tmp_path: Path, console: Console,
                                                                               mode: str, seconds: float) -> None:
    proxy = PartitionProxy(("127.0.0.1", console.port)).start()
    kiosk = Kiosk(tmp_path, Behind(console, proxy))  # type: ignore[arg-type]
    kiosk.worker.start()
    try:
        assert kiosk.pairing.console == proxy.address
        to_question(kiosk)
        kiosk.synced()
        assert wait_for(lambda: looks(console, kiosk)["tile"].freshness is Freshness.FRESH, "a fresh tile")
        before = len(kiosk.journal_seqs())
        (proxy.drop if mode == "drop" else proxy.stall)()
        seen: dict[str, Any] = {}

        def during(elapsed: float) -> None:
            look = looks(console, kiosk)
            tile = look["tile"]
            if "amber" not in seen and tile.freshness is Freshness.AMBER:
                seen["amber"] = (elapsed, tile.silent_seconds, status_text(console))
            if "red" not in seen and tile.freshness is Freshness.RED and look["offline"]:
                seen["red"] = (elapsed, tile.silent_seconds, status_text(console), tile.needs_action)

        journal_while(kiosk, seconds, during)
        assert kiosk.session.state is State.QUESTION  # the candidate never waited for the network
        assert not kiosk.worker.health.reachable
        written = len(kiosk.journal_seqs()) - before
        assert written >= seconds  # about 8 entries a second; the kiosk kept every one of them
        assert kiosk.book.unacknowledged(kiosk.attempt) >= written
        # during the partition, the console said how long ago it heard from the kiosk
        _amber_at, amber_silent, amber_status = seen["amber"]
        assert 5 <= amber_silent <= 15 and f"heard {int(amber_silent)} s ago [amber]" in amber_status
        _red_at, red_silent, red_status, needs_action = seen["red"]
        assert red_silent > 15 and needs_action and "[RED]" in red_status
        assert re.search(r"alerts: .*offline [0-9a-f]{32}", red_status)
        assert red_status.splitlines()[1].startswith("!")
        if mode == "drop":
            assert proxy.counters.reset > 0
        else:
            assert proxy.counters.held_up > 0  # the kiosk's bytes were held, not refused
        proxy.heal()
        kiosk.synced(timeout=30)
        assert console.store is not None
        replica = console.store.replicas.entries(kiosk.id, kiosk.attempt)
        assert [e.hash for e in replica] == [e.hash for e in kiosk.session.events]
        assert [e.seq for e in replica] == list(range(1, len(replica) + 1))
        # heard again: fresh, and the silence alert closed by the console itself
        wait_for(lambda: looks(console, kiosk)["tile"].freshness is Freshness.FRESH and not looks(console, kiosk)
                 ["offline"], "the kiosk to be heard again")
        closed = [a for a in console.store.alerts.alerts(kiosk_id=kiosk.id) if a.kind is AlertKind.OFFLINE]
        assert len(closed) == 1 and closed[0].handled_by == "console"
        if mode == "stall":
            assert proxy.counters.delivered_late > 0  # held requests reached the console late, and changed nothing
            time.sleep(1.0)
            assert [e.hash for e in console.store.replicas.entries(kiosk.id, kiosk.attempt)] == \
                [e.hash for e in kiosk.session.events]
    finally:
        kiosk.worker.stop()
        proxy.stop()
