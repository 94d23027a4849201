"""The console's window: Qt views over the room model (``qt_*.py``, classes ``Qt*``).

A view takes what it draws (the :class:`invigilator.app.Console`, the center keys, a room
view) in its constructor; no room rule is decided here. The window is wired in one place,
:mod:`invigilator.gui`.

Translations: one pair of files per view module, ``assets/i18n/console/<module>_fr.ts`` and
``_en.ts`` (``qt_dashboard.py`` → ``qt_dashboard_fr.ts``), compiled to ``.qm`` next to them and
all loaded at once by :class:`invigilator.ui.qt_i18n.QtConsoleLanguage`. Run
``.venv/bin/python packaging/console_translations.py`` after changing a visible string: it
updates the files of every module, fills the English ones, and compiles them; then translate the
French messages it lists as unfinished.
"""
