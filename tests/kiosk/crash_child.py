"""The real practice kiosk, played by a robot candidate, for crash tests: killed and restarted by its parent.

Run as ``python -m tests.kiosk.crash_child --data-dir D --bank F --passphrase-file P --trust PUB
--seed N --t0 T`` from the repository root. The kiosk is started exactly as ``pupitre-kiosk
--practice --bank F … --windowed`` starts it (``kiosk.app.launch``: the real bank, device key,
SQLite journal, session, window), offscreen, importing nothing else before; then a robot
(``crash_robot.py``) drives it through the Qt event loop the way a candidate would: it waits
for each screen to be painted, thinks for a random moment (seeded), and clicks or types. It
checks in, starts the test, acknowledges focus warnings, answers (right, wrong, or blank and
then confirms the skip), confirms the resume after a restart, and starts a new practice test
from the results.

What the parent must know comes on stdout, one line per fact, flushed at once. Times are
``time.monotonic()`` (system-wide, so comparable with the parent's) and remaining times are
exam seconds::

    START   attempt restored state allowed_s consumed_s t        the kiosk is built (restored or new)
    TREATED attempt n:item:outcome,...                           the treated questions of a restored attempt
    CLOCK   attempt running remaining_s t                         the exam timer started or stopped
    SCREEN  state attempt t                                       a screen was painted
    SHOWN   attempt n item remaining_s t                          a question was painted
    WARNING attempt n item remaining_s t                          a focus warning was painted
    CLICK   what attempt n t                                      just before a click is delivered
    ACK     attempt n item outcome t                              an answer is durable: session.answer() returned
    RESUMED attempt state n item remaining_s to_screen_s after_click_s t
    DONE    attempt receipt t                                     the attempt is submitted (bundle in practice/)
    WRITE   begin|end t                                           a command's journal writes: the first, the commit
    ERROR   exception                                             an exception reached the event loop (a failure)

``RESUMED`` comes with the first screen of the test painted after a restart (question, focus
warning or instructions). ``to_screen_s`` is the time from ``--t0`` (the parent's clock just
before it started this process) to the paint of the "Resume" button, and ``after_click_s``
the time from the click on it to the paint of that first screen: their sum is the restart
time, without the moment the robot waits before clicking.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import time

from kiosk.app import launch, parse_args  # what ``python -m kiosk.app`` imports before it starts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--bank", required=True)
    parser.add_argument("--passphrase-file", required=True)
    parser.add_argument("--trust", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--t0", type=float, default=None, help="the parent's time.monotonic() before the start")
    parser.add_argument("--think-ms", type=float, nargs=2, default=(10.0, 200.0), metavar=("MIN", "MAX"))
    args = parser.parse_args(argv)
    t0 = args.t0 if args.t0 is not None else time.monotonic()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")  # as main() does
    ui = launch(parse_args(["--practice", "--bank", args.bank, "--passphrase-file", args.passphrase_file,
                            "--trust", args.trust, "--data-dir", args.data_dir, "--windowed"]))
    # The kiosk is up (what follows costs its start nothing: nothing has been written or painted yet).
    from tests.kiosk.crash_robot import Robot, report_exception, report_journal_writes

    sys.excepthook = report_exception  # an exception in a Qt slot lands here; the kiosk goes on
    report_journal_writes()
    robot = Robot(ui, random.Random(args.seed), t0, (args.think_ms[0] / 1000, args.think_ms[1] / 1000))
    robot.start()
    return ui.app.exec()


if __name__ == "__main__":
    sys.exit(main())
