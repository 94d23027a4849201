"""The console's language: every ``assets/i18n/console/*_<locale>.qm`` installed at once.

Source strings are English; French is the default. Each view module has its own pair of
translation files (``qt_dashboard.py`` → ``qt_dashboard_fr.ts`` / ``qt_dashboard_en.ts``), so
that views written apart never edit the same file. Installing the translators makes Qt send a
LanguageChange event to every widget, and each view retranslates itself live.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

I18N_DIR = Path(__file__).resolve().parents[2] / "assets" / "i18n" / "console"
LOCALES = ("fr", "en")
DEFAULT_LOCALE = "fr"


class QtTranslationError(RuntimeError):
    """A compiled translation is missing or unreadable: the console would show untranslated text."""


def translation_files(locale: str, i18n_dir: Path = I18N_DIR) -> list[Path]:
    """The compiled translations of ``locale``, one per view module, in a stable order."""
    return sorted(i18n_dir.glob(f"*_{locale}.qm"))


class QtConsoleLanguage(QObject):
    """The language of the console's interface; ``changed(locale)`` fires after the switch."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, locale: str = DEFAULT_LOCALE, i18n_dir: Path = I18N_DIR):
        super().__init__()
        self._app = app
        self._dir = i18n_dir
        self._translators: list[QTranslator] = []
        self.locale = ""
        self.set_locale(locale)

    def set_locale(self, locale: str) -> None:
        if locale not in LOCALES:
            raise ValueError(f"locale must be one of {', '.join(LOCALES)}, not {locale!r}")
        if locale == self.locale:
            return
        files = translation_files(locale, self._dir)
        if not files:
            raise QtTranslationError(f"{self._dir}: no *_{locale}.qm translation (compile them: .venv/bin/python "
                                     "packaging/console_translations.py)")
        loaded = []
        for path in files:
            translator = QTranslator(self)
            if not translator.load(str(path)):
                raise QtTranslationError(f"{path}: unreadable translation (compile it again: .venv/bin/python "
                                         "packaging/console_translations.py)")
            loaded.append(translator)
        self._remove()
        for translator in loaded:
            self._app.installTranslator(translator)
        self._translators = loaded
        self.locale = locale
        QLocale.setDefault(QLocale(QLocale.Language.French if locale == "fr" else QLocale.Language.English))
        self.changed.emit(locale)

    def toggle(self) -> None:
        self.set_locale("en" if self.locale == "fr" else "fr")

    def _remove(self) -> None:
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = []

    def close(self) -> None:
        """Remove the translators from the application."""
        self._remove()
        self.locale = ""
