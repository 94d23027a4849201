"""The first-start wizard, driven through its widgets: a full run with a real bank, refusals shown, and
what a cancel keeps."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from invigilator.app import Console
from invigilator.ui.qt_wizard import SetupWizard, passphrase_strength
from tests.invigilator.ui_sessions.conftest import PASSPHRASE, bank_for, click, type_in


def test_a_full_run_through_with_a_real_bank(qtbot, console, publisher, publisher_file, tmp_path):
    wizard = SetupWizard(console)
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    assert wizard.stack.currentIndex() == wizard.CENTER
    click(qtbot, wizard.next_button)  # nothing typed: both fields say so, nothing is made
    assert wizard.center_id.invalid and wizard.center_name.invalid and not console.initialised
    assert "Required" in wizard.center_id.editor.accessibleDescription()
    assert wizard.center_id.editor.property("invalid") == "true"
    type_in(qtbot, wizard.center_id.editor, "0750001A")
    type_in(qtbot, wizard.center_name.editor, "Lycée  Voltaire")
    click(qtbot, wizard.next_button)
    assert wizard.stack.currentIndex() == wizard.PASSPHRASE and not wizard.center_id.invalid

    type_in(qtbot, wizard.passphrase.editor, "short")
    assert wizard.strength.value() == 0
    click(qtbot, wizard.next_button)
    assert wizard.passphrase.invalid and not console.initialised
    type_in(qtbot, wizard.passphrase.editor, PASSPHRASE)
    assert wizard.strength.value() >= 3
    type_in(qtbot, wizard.passphrase_again.editor, PASSPHRASE + "!")
    click(qtbot, wizard.next_button)
    assert wizard.passphrase_again.invalid and "differ" in wizard.passphrase_again.error
    assert not console.initialised
    type_in(qtbot, wizard.passphrase_again.editor, PASSPHRASE)
    click(qtbot, wizard.next_button)
    assert console.initialised and wizard.stack.currentIndex() == wizard.PUBLISHERS
    assert console.require_center().name == "Lycée Voltaire"
    assert console.center_keys(PASSPHRASE).public.signing_id == wizard.keys.public.signing_id

    click(qtbot, wizard.next_button)  # no publisher yet: refused, said why
    assert wizard.stack.currentIndex() == wizard.PUBLISHERS and wizard.message.isVisible()
    (tmp_path / "junk.pub").write_text("not a key")
    assert not wizard.add_publisher(tmp_path / "junk.pub")
    assert "junk.pub was not added" in wizard.message.text()
    assert wizard.add_publisher(publisher_file)
    assert wizard.publishers.count() == 1 and publisher.public.signing_id in wizard.publishers.item(0).text()
    click(qtbot, wizard.next_button)
    assert wizard.stack.currentIndex() == wizard.BANKS

    forged = tmp_path / "forged.pbank"  # signed by someone the center does not trust
    from protocol.keys import KeyPair
    bank_for(console, KeyPair.generate("Intrus"), forged, seed=7)
    wizard.import_bank(forged)
    assert wizard.progress.isVisible() and not wizard.next_button.isEnabled() and not wizard.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not wizard.importing, timeout=30_000)
    assert "forged.pbank was refused and not imported" in wizard.message.text()
    assert console.store.sessions.banks() == [] and not list((console.data_dir / "banks").glob("*.pbank"))

    wizard.import_bank(bank_for(console, publisher, tmp_path / "bank.pbank"))
    qtbot.waitUntil(lambda: not wizard.importing, timeout=30_000)
    assert not wizard.message.isVisible() and [b.id for b in console.store.sessions.banks()] == ["synth-160-6"]
    assert wizard.banks.count() == 1
    with qtbot.waitSignal(wizard.finished) as done:
        click(qtbot, wizard.next_button)
    assert done.args[0].public.signing_id == console.require_center().signing_key_id


def test_cancel_says_what_is_kept_and_the_next_start_unlocks_instead(qtbot, console, publisher_file, monkeypatch):
    wizard = SetupWizard(console)
    qtbot.addWidget(wizard)
    assert wizard.kept_summary() == "Nothing was saved yet."
    type_in(qtbot, wizard.center_id.editor, "0750001A")
    type_in(qtbot, wizard.center_name.editor, "Lycée Test")
    click(qtbot, wizard.next_button)
    type_in(qtbot, wizard.passphrase.editor, PASSPHRASE)
    type_in(qtbot, wizard.passphrase_again.editor, PASSPHRASE)
    click(qtbot, wizard.next_button)
    assert wizard.add_publisher(publisher_file)
    shown = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: shown.append(a[2]) or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(wizard.cancelled):
        click(qtbot, wizard.cancel_button)
    assert "center and its keys" in shown[0] and "1 trusted publisher(s) kept" in shown[0]
    assert "0 bank(s) kept" in shown[0]

    again = SetupWizard(Console(console.data_dir, clock=console.clock, rng=console.rng))
    qtbot.addWidget(again)
    assert again.unlocking and again.stack.currentIndex() == again.PASSPHRASE
    assert not again.passphrase_again.isVisibleTo(again) and not again.back_button.isEnabled()
    type_in(qtbot, again.passphrase.editor, "wrong passphrase, surely")
    click(qtbot, again.next_button)
    assert again.passphrase.invalid and again.keys is None
    type_in(qtbot, again.passphrase.editor, PASSPHRASE)
    click(qtbot, again.next_button)
    assert again.keys is not None and again.stack.currentIndex() == again.PUBLISHERS
    assert again.publishers.count() == 1
    again.console.close()


def test_passphrase_strength():
    assert passphrase_strength("abc") == 0
    assert passphrase_strength("aaaaaaaaaaaa") == 1
    assert passphrase_strength("aB3$eF6&hJ9*kL") >= 3
    assert passphrase_strength(PASSPHRASE) >= 3


def test_the_first_steps_by_keyboard_alone(qtbot, console):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    wizard = SetupWizard(console)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.center_id.editor)
    qtbot.keyClicks(QApplication.focusWidget(), "0750001A")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.center_name.editor
    qtbot.keyClicks(QApplication.focusWidget(), "Lycee Test")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert wizard.stack.currentIndex() == wizard.PASSPHRASE
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.passphrase.editor)
    qtbot.keyClicks(QApplication.focusWidget(), PASSPHRASE)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.passphrase_again.editor
    qtbot.keyClicks(QApplication.focusWidget(), PASSPHRASE)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert console.initialised and wizard.stack.currentIndex() == wizard.PUBLISHERS
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.add_publisher_button)
