"""``pupitre-invigilator hub set|show`` and ``outbox list|retry|send`` through ``main``, on a real data folder."""

from __future__ import annotations

import pytest

from invigilator.hub_outbox import HubOutbox
from protocol.keys import KeyPair, PublicKeys
from tests.invigilator.cli.conftest import PASSPHRASE, Run
from tests.invigilator.test_hub_outbox import NOW, TLSServer, make_package, queue_package, receipt


@pytest.fixture
def run(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PUPITRE_CENTER_PASSPHRASE", PASSPHRASE)
    runner = Run(tmp_path / "console", capsys)
    code, _, err = runner("init", "--center-id", "0750001A", "--center-name", "Lycée Test")
    assert code == 0, err
    return runner


@pytest.fixture(scope="module")
def hub():
    return KeyPair.generate("hub")


def test_hub_set_offline_then_show(run, tmp_path, hub):
    hub.public.save(tmp_path / "hub.pub")
    code, out, _ = run("hub", "show")
    assert code == 0 and "No hub configured" in out
    code, out, err = run("hub", "set", "https://hub.example.org:8443", "--pin", "ab" * 32, "--key",
                         str(tmp_path / "hub.pub"), "--offline")
    assert code == 0, err
    assert "https://hub.example.org:8443" in out and hub.public.signing_id in out
    code, out, _ = run("hub", "show")
    assert code == 0 and "ab" * 32 in out and "learned on the first connection" in out


def test_hub_set_checks_the_pin_against_the_machine_when_it_answers(run, tmp_path, hub):
    server = TLSServer(tmp_path / "tls")
    hub.public.save(tmp_path / "hub.pub")
    url = f"https://127.0.0.1:{server.port}"
    code, _, err = run("hub", "set", url, "--pin", "0f" * 32, "--key", str(tmp_path / "hub.pub"))
    assert code == 2 and "not the hub's" in err and "nothing was changed" in err
    code, out, _ = run("hub", "show")
    assert "No hub configured" in out
    code, out, err = run("hub", "set", url, "--pin", server.tls.pin, "--key", str(tmp_path / "hub.pub"))
    assert code == 0, err
    assert "checked" in out
    assert (run.data_dir / "hub" / "hub.pem").is_file()


def test_hub_set_refuses_bad_input_naming_it(run, tmp_path):
    code, _, err = run("hub", "set", "http://hub:80", "--pin", "ab" * 32, "--key", str(tmp_path / "none.pub"),
                       "--offline")
    assert code == 2 and "https://HOST:PORT" in err
    code, _, err = run("hub", "set", "https://hub:8443", "--pin", "ab" * 32, "--key", str(tmp_path / "none.pub"),
                       "--offline")
    assert code == 2 and "--key" in err


def test_outbox_list_shows_sent_pending_and_refused_with_the_reason(run, tmp_path, hub):
    hub.public.save(tmp_path / "hub.pub")
    run("hub", "set", "https://hub.example.org:8443", "--pin", "ab" * 32, "--key", str(tmp_path / "hub.pub"),
        "--offline")
    center = KeyPair.load(run.data_dir / "center.key", PASSPHRASE)
    kiosk = KeyPair.generate("kiosk")
    ids = [queue_package(run.data_dir, make_package(center, kiosk, session_id=s)) for s in ("S-1", "S-2", "S-3")]
    outbox = HubOutbox(run.data_dir)
    outbox.record_receipt(ids[0], receipt(hub, ids[0]), PublicKeys.load(tmp_path / "hub.pub"))
    outbox.record_refusal(ids[1], "unknown device: kiosk 5f3a… is not in the center's registry", None, NOW)
    outbox.record_progress(ids[2], 2048, outbox.size(ids[2]), NOW, error="the hub does not answer")
    code, out, _ = run("outbox", "list")
    assert code == 0
    assert "1 sent, 1 pending, 1 refused" in out
    lines = {line.split()[1]: line for line in out.splitlines()[1:]}
    assert lines[ids[0]].startswith("sent") and "hub-test" in lines[ids[0]]
    assert lines[ids[1]].startswith("refused") and "unknown device" in lines[ids[1]]
    assert lines[ids[2]].startswith("pending") and "2048 of" in lines[ids[2]] and "does not answer" in lines[ids[2]]

    code, out, _ = run("outbox", "retry", ids[1][:10])
    assert code == 0 and "refusal cleared" in out
    code, out, _ = run("outbox", "list")
    assert "0 refused" in out


def test_outbox_send_without_a_hub_says_what_to_do(run):
    code, _, err = run("outbox", "send", "--once")
    assert code == 2 and "hub set" in err


def test_outbox_retry_of_an_unknown_package(run):
    code, _, err = run("outbox", "retry", "deadbeefdeadbeef")
    assert code == 2 and "not in the outbox" in err


def test_outbox_send_to_a_hub_out_of_reach_keeps_everything_pending(run, tmp_path, hub):
    import socket

    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    hub.public.save(tmp_path / "hub.pub")
    run("hub", "set", f"https://127.0.0.1:{port}", "--pin", "ab" * 32, "--key", str(tmp_path / "hub.pub"),
        "--offline")
    center = KeyPair.load(run.data_dir / "center.key", PASSPHRASE)
    package = queue_package(run.data_dir, make_package(center, KeyPair.generate("kiosk")))
    code, out, _ = run("outbox", "send", "--once")
    assert code == 3, out
    assert "1 pending" in out and "does not answer" in out
    assert HubOutbox(run.data_dir).pending() == [package]


def test_serve_runs_the_sender_only_when_a_hub_is_set(run, tmp_path, hub):
    console = run.console()
    center = KeyPair.load(run.data_dir / "center.key", PASSPHRASE)
    assert console.hub_sender(center) is None
    hub.public.save(tmp_path / "hub.pub")
    run("hub", "set", "https://127.0.0.1:9", "--pin", "ab" * 32, "--key", str(tmp_path / "hub.pub"), "--offline")
    sender = console.hub_sender(center)
    try:
        assert sender is not None and sender._thread is not None and sender._thread.is_alive()
    finally:
        sender.stop(timeout=10)
    assert sender._thread is None
    console.close()
