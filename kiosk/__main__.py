"""``python -m kiosk``: the same as ``pupitre-kiosk``."""

import sys

from kiosk.cli import main

sys.exit(main())
