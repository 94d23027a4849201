"""The kiosk guard: focus watching, workstation lockdown, process and environment checks.

Every OS-facing measure is reversible (``apply()`` / ``revert()``); the :class:`Guard` facade
applies them in order and reverts them in reverse, and :func:`restore_after_crash` puts the
machine back after a kiosk died with measures applied. Pure decisions live in ``focus``,
``processes``, ``environment``, ``keys`` and ``policy``; adapters in ``qt_*``, ``x11*``,
``win*`` and ``process_guard``. Import the facade from ``kiosk.guard.guard`` (it needs Qt).
"""

from kiosk.guard.measures import restore_after_crash
from kiosk.guard.policy import GuardPolicy
from kiosk.guard.unlock import UnlockGate, check_unlock_code, set_unlock_code

__all__ = ["GuardPolicy", "UnlockGate", "check_unlock_code", "restore_after_crash", "set_unlock_code"]
