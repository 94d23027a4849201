"""``python -m invigilator``: the same as ``pupitre-invigilator``."""

import sys

from invigilator.cli import main

sys.exit(main())
