"""Real windows: each test gets its own Xvfb display with openbox, stopped afterwards.

Skipped only when the X binaries are missing and CI is not set; in CI they must run.
"""

import os

import pytest

from tests.guard_x11.harness import Kiosk, missing_binaries, x_session


@pytest.fixture
def xs():
    missing = missing_binaries()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the real-window tests but {', '.join(missing)} is missing (see .ci/run)")
        pytest.skip(f"real-window tests need {', '.join(missing)} (apt-get install xvfb openbox xterm xdotool)")
    with x_session() as session:
        yield session


@pytest.fixture
def kiosk_factory(xs, tmp_path):
    started = []

    def start(**kwargs):
        kiosk = Kiosk(xs, tmp_path, **kwargs)
        started.append(kiosk)
        return kiosk

    yield start
    for kiosk in started:
        kiosk.close()
