"""The console's LAN server (ADR 0017): Starlette on uvicorn over TLS 1.3, kiosk requests signed by device keys."""

from invigilator.server.app import build_app
from invigilator.server.room import CenterIdentity, ConsoleIdentity, RoomService, default_bank_file
from invigilator.server.runner import ConsoleServer, parse_listen, serve

__all__ = ["CenterIdentity", "ConsoleIdentity", "ConsoleServer", "RoomService", "build_app", "default_bank_file",
           "parse_listen", "serve"]
