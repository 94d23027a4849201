"""Structured logs: one JSON object a line (request id, center, method, path, status, duration)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any

LOGGER = "pupitre.hub"


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {"time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
                                "level": record.levelname.lower(), "event": record.getMessage()}
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            data.update(fields)
        if record.exc_info:
            data["traceback"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def setup_logging(level: str = "info", stream: Any = None) -> logging.Logger:
    logger = logging.getLogger(LOGGER)
    logger.setLevel(level.upper())
    if not any(getattr(h, "_pupitre_hub", False) for h in logger.handlers):
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.setFormatter(JsonLines())
        handler._pupitre_hub = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.propagate = False
    return logger


def log_event(event: str, level: int = logging.INFO, **fields: Any) -> None:
    logging.getLogger(LOGGER).log(level, event, extra={"fields": fields})
