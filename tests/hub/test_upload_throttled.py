"""An upload through a link throttled to 64 kbit/s and cut every 20 s completes, without re-sending what arrived.

The console's sender runs on its own thread (as under ``serve``), through :class:`tests.netproxy.NetProxy`
(8,000 bytes a second each way, every connection reset every 20 s) to the real hub. The package is a real
one of 5 candidates (about 215 kB: 27 s of link), more than 20 s of the link can carry, so the first
cut lands in the middle of the upload. What the hub wrote (every chunk, at its own offset) must add up to
the package exactly: nothing that arrived whole was sent again; what the link carried beyond the package is
bounded by the requests' headers and TLS plus, for each cut, at most the one chunk in flight.
"""

from __future__ import annotations

import random
import time

import pytest

from invigilator.hub_outbox import HubOutbox, State
from invigilator.hub_sender import Backoff, HubSender
from itembank.pbank import open_bank
from protocol.keys import KeyPair
from tests.hub.upload_sessions import CENTER_ID, ExamRoom, HubUnderTest, console_for, queue, session_package
from tests.netproxy import NetProxy

RATE = 64_000 / 8  # bytes a second
CUT_EVERY = 20.0


@pytest.mark.slow
def test_upload_through_a_throttled_link_cut_every_20_s(tmp_path):
    center, publisher = KeyPair.generate("center"), KeyPair.generate("publisher")
    hub = HubUnderTest(tmp_path, center, publisher).serve()
    try:
        with open_bank(hub.bank_path, [publisher.public], recipient=center) as bank:
            data = session_package(ExamRoom(bank), center, CENTER_ID, "2611220077", 5, seed=77)
        # more than the link carries before its first cut (its burst included), with room to spare
        assert RATE * CUT_EVERY + 2048 + 20_000 < len(data) < 300_000, len(data)
        with NetProxy(("127.0.0.1", hub.port), rate=RATE, cut_every=CUT_EVERY) as proxy:
            data_dir = console_for(tmp_path / "console", hub, proxy.address)
            package = queue(data_dir, data)
            sender = HubSender(data_dir, CENTER_ID, center, rng=random.Random(64),
                               backoff=Backoff(random.Random(64), base=0.5, cap=4.0))
            began = time.monotonic()
            sender.start()
            try:
                deadline = began + 85
                while HubOutbox(data_dir).pending() and time.monotonic() < deadline:
                    time.sleep(0.2)
            finally:
                sender.stop()
            took = time.monotonic() - began
        entry = HubOutbox(data_dir).entry(package, hub.keys.public)
        assert entry.state is State.SENT, f"not sent after {took:.0f} s: {entry.error} (hub has {entry.sent_bytes})"
        assert proxy.cuts >= 1, f"no cut in {took:.0f} s"
        assert hub.accepted() == len(data)  # every byte written once, at the hub's own offset
        assert not [w for w in hub.writes if w.conflict]
        requests = len(hub.writes) + 2 * (proxy.cuts + 1)  # chunks, plus a start and a status per connection
        overhead = proxy.bytes_up - len(data)
        biggest = max(w.length for w in hub.writes)
        assert overhead < requests * 3_000 + proxy.connections * 2_000 + proxy.cuts * biggest, \
            f"{overhead} bytes beyond the package for {requests} requests, {proxy.cuts} cuts"
        print(f"\n{len(data)} bytes in {took:.1f} s through {RATE * 8 / 1000:.0f} kbit/s, {proxy.cuts} cuts, "
              f"{len(hub.writes)} chunks (largest {biggest} B), {proxy.bytes_up} bytes up the link "
              f"({overhead} beyond the package), {proxy.connections} connections")
    finally:
        hub.stop()
