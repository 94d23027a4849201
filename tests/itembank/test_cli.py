"""pupitre-bank end to end: real key files, a real source folder, wrong arguments."""

import os
import subprocess
import sys

import pytest

from itembank.cli import main


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    (root / "pp").write_text("long passphrase\n")
    (root / "bankpp").write_text("bank secret\n")
    assert main(["keygen", "publisher", "-o", str(root), "--passphrase-file", str(root / "pp")]) == 0
    assert main(["keygen", "center", "-o", str(root), "--passphrase-file", str(root / "pp")]) == 0
    assert main(["synth", "--items", "80", "--seed", "2", "-o", str(root / "src")]) == 0
    assert main(["build", str(root / "src"), "-o", str(root / "b.pbank"), "--sign", str(root / "publisher.key"),
                 "--sign-passphrase-file", str(root / "pp"), "--recipient", str(root / "center.pub"),
                 "--passphrase-recipient", "--bank-passphrase-file", str(root / "bankpp")]) == 0
    return root


def test_keygen_files(workspace):
    assert oct(os.stat(workspace / "publisher.key").st_mode & 0o777) == "0o600"
    assert main(["keygen", "publisher", "-o", str(workspace), "--passphrase-file", str(workspace / "pp")]) == 1


def test_verify_with_center_key_and_with_passphrase(workspace, capsys):
    assert main(["verify", str(workspace / "b.pbank"), "--trust", str(workspace / "publisher.pub"),
                 "--key", str(workspace / "center.key"), "--key-passphrase-file", str(workspace / "pp")]) == 0
    assert "OK — bank synth-80-2 v1" in capsys.readouterr().out
    assert main(["verify", str(workspace / "b.pbank"), "--trust", str(workspace / "publisher.pub"),
                 "--bank-passphrase-file", str(workspace / "bankpp")]) == 0


def test_inspect(workspace, capsys):
    assert main(["inspect", str(workspace / "b.pbank")]) == 0
    out = capsys.readouterr().out
    assert "readable by center, passphrase" in out and "give --trust" in out
    assert main(["inspect", str(workspace / "b.pbank"), "--trust", str(workspace / "publisher.pub"),
                 "--bank-passphrase-file", str(workspace / "bankpp")]) == 0
    out = capsys.readouterr().out
    assert "80 items" in out and "5.2 Évoluer dans un environnement numérique" in out
    assert "difficulty b (IRT)" in out and "█" in out


def test_validate(workspace, capsys):
    assert main(["validate", str(workspace / "src")]) == 0
    assert "valid — 80 items" in capsys.readouterr().out
    broken = workspace / "src" / "items" / "1.1" / "broken.yaml"
    broken.write_text("id: 1.1-broken\ncompetence: '1.1'\n")
    try:
        assert main(["validate", str(workspace / "src")]) == 1
        err = capsys.readouterr().err
        assert "items/1.1/broken.yaml:1:" in err and "problem(s)" in err
    finally:
        broken.unlink()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["verify", "{w}/b.pbank", "--trust", "{w}/center.pub", "--bank-passphrase-file", "{w}/bankpp"],
         "not a trusted publisher"),
        (["verify", "{w}/b.pbank", "--trust", "{w}/publisher.pub", "--bank-passphrase-file", "{w}/pp"],
         "wrong passphrase"),
        (["verify", "{w}/src", "--trust", "{w}/publisher.pub", "--bank-passphrase-file", "{w}/pp"], "is a folder"),
        (["verify", "{w}/b.pbank", "--trust", "{w}/nope.pub", "--bank-passphrase-file", "{w}/pp"],
         "no such key file"),
        (["verify", "{w}/b.pbank", "--trust", "{w}/publisher.pub", "--key", "{w}/center.pub",
          "--key-passphrase-file", "{w}/pp"], "this is a public key file"),
        (["build", "{w}/src", "-o", "{w}/x.pbank", "--sign", "{w}/publisher.key", "--sign-passphrase-file",
          "{w}/pp"], "--recipient"),
        (["build", "{w}/nowhere", "-o", "{w}/x.pbank", "--sign", "{w}/publisher.key"], "not a folder"),
        (["verify", "{w}/b.pbank", "--trust", "{w}/publisher.pub", "--bank-passphrase-file", "{w}/missing"],
         "cannot read the passphrase file"),
        (["verify", "{w}/b.pbank", "--trust", "{w}/publisher.pub", "--bank-passphrase-file", "{w}/latin1"],
         "is not UTF-8 text (byte 2)"),
    ],
)
def test_errors_are_one_clear_line(workspace, capsys, args, fragment):
    (workspace / "latin1").write_bytes("clé secrète".encode("latin-1"))
    assert main([a.format(w=workspace) for a in args]) == 1
    err = capsys.readouterr().err
    assert fragment in err
    assert "Traceback" not in err


def test_no_passphrase_without_terminal(workspace):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PUPITRE_")}
    run = subprocess.run([sys.executable, "-m", "itembank.cli", "verify", str(workspace / "b.pbank"), "--trust",
                          str(workspace / "publisher.pub")], capture_output=True, text=True, env=env,
                         stdin=subprocess.DEVNULL, timeout=60)
    assert run.returncode == 1
    assert "PUPITRE_BANK_PASSPHRASE" in run.stderr and "Traceback" not in run.stderr


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["build"])
    assert info.value.code == 2
    assert "required" in capsys.readouterr().err
