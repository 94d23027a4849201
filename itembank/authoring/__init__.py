"""The human-editable bank source: a folder of YAML files (see docs/authoring.md)."""

from itembank.authoring.source import (
    ATTACHMENT_TYPES,
    SizeLimits,
    SourceReport,
    load_source,
    validate_source,
    write_source,
)

__all__ = ["ATTACHMENT_TYPES", "SizeLimits", "SourceReport", "load_source", "validate_source", "write_source"]
