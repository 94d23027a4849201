"""`pupitre-bank verify-qr`: a printed attestation's payload checked offline, and every way it fails."""

import subprocess
import sys

import pytest

from invigilator.reports import compact_result
from invigilator.reports.specimen import specimen_attestations
from itembank.cli import main
from protocol.attestation import PREFIX, b45decode, b45encode, sign_attestation
from protocol.keys import KeyPair


@pytest.fixture(scope="module")
def setup(tmp_path_factory, center_keys):
    root = tmp_path_factory.mktemp("verify-qr")
    center_keys.public.save(root / "center.pub")
    KeyPair.generate("other").public.save(root / "other.pub")
    (root / "broken.pub").write_text("{not json")
    data = specimen_attestations(6)[0]
    payload = sign_attestation(compact_result(data), center_keys.signing_private)
    return root, data, payload


def _run(capsys, *args):
    code = main(["verify-qr", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_valid_payload_prints_the_result(setup, capsys):
    root, data, payload = setup
    code, out, err = _run(capsys, payload, "--center-key", str(root / "center.pub"))
    assert code == 0 and not err
    assert "VALID" in out and data.verification_code in out and f"{data.score} pix" in out
    assert "give --last-name" in out


def test_the_holder_is_checked_when_named(setup, capsys):
    root, data, payload = setup
    c = data.candidate
    code, out, _ = _run(capsys, payload, "--center-key", str(root / "center.pub"), "--last-name", c.last_name.upper(),
                        "--first-name", c.first_name, "--birth-date", c.birth_date.isoformat())
    assert code == 0 and "name and birth date match" in out
    code, _, err = _run(capsys, payload, "--center-key", str(root / "center.pub"), "--last-name", c.last_name,
                        "--first-name", c.first_name, "--birth-date", "1999-01-01")
    assert code == 1 and "not this person's" in err


def _tampered(payload):
    raw = bytearray(b45decode(payload[len(PREFIX):]))
    raw[20] ^= 1
    return PREFIX + b45encode(bytes(raw))


CASES = {
    "wrong key": (lambda p: p, "other.pub", 1, "INVALID: the signature does not match"),
    "tampered": (_tampered, "center.pub", 1, "INVALID: the signature does not match"),
    "truncated": (lambda p: PREFIX + b45encode(b45decode(p[len(PREFIX):])[:-4]), "center.pub", 1, "INVALID"),
    "cut mid-group": (lambda p: p[:-1], "center.pub", 2, "cannot check: the payload is damaged"),
    "wrong prefix": (lambda p: "XYZ1:" + p[5:], "center.pub", 2, "cannot check: the payload does not start"),
    "oversized": (lambda p: p * 4, "center.pub", 2, "cannot check: the payload is"),
    "unreadable key": (lambda p: p, "broken.pub", 2, "cannot check: center key"),
    "missing key": (lambda p: p, "absent.pub", 2, "cannot check: center key"),
}


@pytest.mark.parametrize("name", CASES)
def test_failures_give_one_line_and_the_exit_status(setup, capsys, name):
    root, _, payload = setup
    change, key, status, message = CASES[name]
    code, out, err = _run(capsys, change(payload), "--center-key", str(root / key))
    assert code == status
    assert not out and err.count("\n") == 1 and message in err, err


def test_half_an_identity_is_refused(setup, capsys):
    root, _, payload = setup
    code, _, err = _run(capsys, payload, "--center-key", str(root / "center.pub"), "--last-name", "X")
    assert code == 2 and "go together" in err
    code, _, err = _run(capsys, payload, "--center-key", str(root / "center.pub"), "--last-name", "X",
                        "--first-name", "Y", "--birth-date", "14/03/2007")
    assert code == 2 and "YYYY-MM-DD" in err


def test_the_command_reads_a_scanner_on_standard_input(setup):
    root, data, payload = setup
    run = subprocess.run([sys.executable, "-m", "itembank.cli", "verify-qr", "-", "--center-key",
                          str(root / "center.pub")], input=payload + "\n", capture_output=True, text=True)
    assert run.returncode == 0 and data.verification_code in run.stdout
    run = subprocess.run([sys.executable, "-m", "itembank.cli", "verify-qr", _tampered(payload), "--center-key",
                          str(root / "center.pub")], capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr and run.stderr.count("\n") == 1
