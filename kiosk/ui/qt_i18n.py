"""The interface language: Qt translators loaded from ``assets/i18n`` (French by default, English).

Source strings in the code are English; ``pupitre_fr.qm`` translates them to French and
``pupitre_en.qm`` carries the English plural forms. Installing a translator makes Qt send a
LanguageChange event to every widget, and each view retranslates itself live.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

I18N_DIR = Path(__file__).resolve().parents[2] / "assets" / "i18n"
LOCALES = ("fr", "en")
DEFAULT_LOCALE = "fr"


class QtTranslationError(RuntimeError):
    """A compiled translation is missing: the kiosk would show untranslated text."""


class QtLanguage(QObject):
    """The language of the interface; ``changed(locale)`` fires after the switch."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, locale: str = DEFAULT_LOCALE, i18n_dir: Path = I18N_DIR):
        super().__init__()
        self._app = app
        self._dir = i18n_dir
        self._translator: QTranslator | None = None
        self.locale = ""
        self.set_locale(locale)

    def set_locale(self, locale: str) -> None:
        if locale not in LOCALES:
            raise ValueError(f"locale must be one of {', '.join(LOCALES)}, not {locale!r}")
        if locale == self.locale:
            return
        translator = QTranslator(self)
        path = self._dir / f"pupitre_{locale}.qm"
        if not translator.load(str(path)):
            raise QtTranslationError(f"{path}: missing or unreadable translation "
                                     "(compile it: .venv/bin/pyside6-lrelease assets/i18n/*.ts)")
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
        self._app.installTranslator(translator)
        self._translator = translator
        self.locale = locale
        QLocale.setDefault(QLocale(QLocale.Language.French if locale == "fr" else QLocale.Language.English))
        self.changed.emit(locale)

    def close(self) -> None:
        """Remove the translator from the application (a new interface will install its own)."""
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
            self.locale = ""
