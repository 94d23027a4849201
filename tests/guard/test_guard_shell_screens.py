"""The exam shell on two screens: Qt's offscreen platform with a two-screen layout, in a child
process (the platform is chosen when the application starts)."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYOUT = {"screens": [
    {"name": "left", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96, "logicalBpi": 96, "dpr": 1},
    {"name": "right", "x": 1280, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96, "logicalBpi": 96, "dpr": 1},
]}
SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    from kiosk.guard.environment import Facts, evaluate, blocking
    from kiosk.guard.policy import GuardPolicy
    from kiosk.guard.qt_shell import ExamShell

    app = QApplication([])
    policy = sys.argv[1]
    window = QMainWindow()
    window.setCentralWidget(QLabel("Question"))
    window.setGeometry(100, 100, 400, 300)
    window.show()
    shell = ExamShell(window, screens=policy)
    shell.apply()
    app.processEvents()
    rect = lambda r: [r.x(), r.y(), r.width(), r.height()]
    result = {"screens": len(app.screens()), "exam": rect(window.geometry()),
              "blanks": [rect(b.geometry()) for b in shell.blanks],
              "blocking": blocking(evaluate(Facts(screens=len(app.screens())), GuardPolicy(screens=policy)))}
    shell.revert()
    app.processEvents()
    result["after"] = {"exam": rect(window.geometry()), "blanks": len(shell.blanks),
                       "visible_blanks": sum(1 for w in app.topLevelWidgets()
                                             if w.objectName() == "pupitre-blank-screen" and w.isVisible())}
    print(json.dumps(result))
""")


@pytest.mark.parametrize("policy, blanks, blocks", [("blank", [[1280, 0, 1024, 768]], False), ("allow", [], False),
                                                    ("refuse", [[1280, 0, 1024, 768]], True)])
def test_the_exam_fills_the_first_screen_and_the_others_are_blanked(tmp_path, policy, blanks, blocks):
    layout = tmp_path / "screens.json"
    layout.write_text(json.dumps(LAYOUT))
    env = {"QT_QPA_PLATFORM": f"offscreen:configfile={layout}", "PYTHONPATH": str(ROOT), "PATH": ""}
    done = subprocess.run([sys.executable, "-c", SCRIPT, policy], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["screens"] == 2
    assert result["exam"] == [0, 0, 1280, 800]
    assert result["blanks"] == blanks
    assert result["blocking"] is blocks
    assert result["after"] == {"exam": [100, 100, 400, 300], "blanks": 0, "visible_blanks": 0}
