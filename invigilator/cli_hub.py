"""``pupitre-invigilator hub set|show`` and ``outbox list|send|retry``: the console's link to the results hub.

``outbox send`` exit status: 0 every package is sent; 1 some package is refused (see ``outbox
list``); 3 some package is still pending (the hub was out of reach: it is sent at the next try,
or by ``serve`` in the background); 2 as for every command, input that cannot be used.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from invigilator.errors import HubConfigError, HubIdentityError, HubUnreachableError
from invigilator.hub_client import HubCounter
from invigilator.hub_config import fetch_certificate, hub_dir, load_config, save_config
from invigilator.hub_outbox import HubOutbox, State
from invigilator.hub_sender import HubSender

PENDING_EXIT = 3


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def cmd_hub_set(console: Any, args: argparse.Namespace) -> int:
    console.require_center()
    certificate = None
    if not args.offline:
        try:
            certificate = fetch_certificate(args.url, args.pin.strip().lower().replace(":", ""))
        except HubUnreachableError as exc:
            print(f"Note: {exc}; its certificate is checked against the pin on the first connection.")
        except HubIdentityError as exc:
            raise HubConfigError(f"{exc}; nothing was changed") from None
    config = save_config(console.data_dir, args.url, args.pin, Path(args.key), certificate)
    print(f"Hub set: {config.url}")
    print(f"  certificate pin {config.pin}" + (" (checked: the hub answered with it)" if certificate else ""))
    print(f"  receipts must be signed by hub key {config.key.signing_id}")
    return 0


def cmd_hub_show(console: Any, args: argparse.Namespace) -> int:
    config = load_config(console.data_dir)
    if config is None:
        print("No hub configured (pupitre-invigilator hub set https://HOST:PORT --pin SHA256 --key hub.pub).")
        return 0
    print(f"Hub {config.url}")
    print(f"  certificate pin {config.pin}"
          + ("" if config.certificate_pem else " (certificate not seen yet: learned on the first connection)"))
    print(f"  receipt key {config.key.signing_id}  ({hub_dir(console.data_dir)})")
    print(f"  last request counter {HubCounter(console.data_dir).last}")
    return 0


def cmd_outbox_list(console: Any, args: argparse.Namespace) -> int:
    config = load_config(console.data_dir)
    outbox = HubOutbox(console.data_dir)
    entries = outbox.entries(config.key if config else None)
    if not entries:
        print(f"The outbox is empty ({outbox.folder}).")
        return 0
    counts = {s: sum(1 for e in entries if e.state is s) for s in State}
    print(f"Outbox: {counts[State.SENT]} sent, {counts[State.PENDING]} pending, {counts[State.REFUSED]} refused"
          + ("" if config else " (no hub configured: receipts not checked)"))
    for e in entries:
        line = f"{e.state.value:<8} {e.id}  {_size(e.size)}"
        if e.state is State.SENT:
            if e.receipt is not None:
                line += (f"  stored by {e.receipt.hub} at {e.receipt.stored_at:%Y-%m-%d %H:%M} UTC, "
                         f"{e.receipt.candidates} candidate(s), session {e.receipt.session}")
            else:
                line += "  receipt kept"
        elif e.state is State.PENDING:
            line += f"  {e.sent_bytes} of {e.size} bytes at the hub ({100 * e.sent_bytes // max(e.size, 1)} %)"
            if e.error:
                line += f"  last error: {e.error}"
        else:
            line += f"  reason: {e.reason}  ({e.updated_at}; 'outbox retry {e.id[:12]}' to send it again)"
        print(line)
    return 0


def cmd_outbox_retry(console: Any, args: argparse.Namespace) -> int:
    outbox = HubOutbox(console.data_dir)
    package = outbox.find(args.package)
    if not outbox.clear_refusal(package):
        print(f"Package {package} was not refused; nothing to do.")
        return 0
    print(f"Package {package}: refusal cleared, it is sent again at the next round.")
    return 0


def make_cmd_outbox_send(passphrase: Callable[[argparse.Namespace], str]) -> Callable[[Any, argparse.Namespace], int]:
    def cmd_outbox_send(console: Any, args: argparse.Namespace) -> int:
        center = console.require_center()
        if load_config(console.data_dir) is None:
            raise HubConfigError("no hub configured: 'pupitre-invigilator hub set https://HOST:PORT --pin SHA256 "
                                 "--key hub.pub' first")
        keys = console.center_keys(passphrase(args))
        sender = HubSender(console.data_dir, center.id, keys, clock=console.clock)
        try:
            if args.once:
                sender.round()
            else:
                deadline = None if args.timeout is None else time.monotonic() + args.timeout
                sender.send_until_done(deadline=deadline)
        finally:
            sender.stop()
        status = sender.status
        outbox = HubOutbox(console.data_dir)
        entries = outbox.entries(sender_key(console))
        pending = [e for e in entries if e.state is State.PENDING]
        refused = [e for e in entries if e.state is State.REFUSED]
        print(f"Sent {status.sent} package(s) this time, {_size(status.bytes_sent)} uploaded; "
              f"{len(pending)} pending, {len(refused)} refused.")
        if status.last_error:
            print(f"  last error: {status.last_error}")
        for e in refused:
            print(f"  refused {e.id}: {e.reason}")
        return PENDING_EXIT if pending else (1 if refused else 0)
    return cmd_outbox_send


def sender_key(console: Any) -> Any:
    config = load_config(console.data_dir)
    return None if config is None else config.key


def add_parser(sub: Any, parser_class: type[argparse.ArgumentParser],
               passphrase: Callable[[argparse.Namespace], str],
               passphrase_option: Callable[[argparse.ArgumentParser], None]) -> None:
    hub = sub.add_parser("hub", help="the results hub this console sends its session packages to")
    hsub = hub.add_subparsers(dest="hub_action", required=True, parser_class=parser_class)
    p = hsub.add_parser("set", help="set the hub: its address, its certificate's pin and its receipt key")
    p.add_argument("url", metavar="https://HOST:PORT")
    p.add_argument("--pin", required=True, metavar="SHA256", help="the hub certificate's pin (64 hex digits)")
    p.add_argument("--key", required=True, metavar="hub.pub", help="the hub's public key (it signs the receipts)")
    p.add_argument("--offline", action="store_true",
                   help="do not contact the hub now (its certificate is checked on the first connection)")
    p.set_defaults(func=cmd_hub_set)
    hsub.add_parser("show", help="show the configured hub").set_defaults(func=cmd_hub_show)

    outbox = sub.add_parser("outbox", help="the session packages waiting for the hub's receipt")
    osub = outbox.add_subparsers(dest="outbox_action", required=True, parser_class=parser_class)
    osub.add_parser("list", help="each package: sent, pending (bytes at the hub) or refused (with the reason)") \
        .set_defaults(func=cmd_outbox_list)
    p = osub.add_parser("send", help="send the pending packages now (headless)")
    p.add_argument("--once", action="store_true", help="one round only, without waiting between tries")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="give up retrying after this long")
    passphrase_option(p)
    p.set_defaults(func=make_cmd_outbox_send(passphrase))
    p = osub.add_parser("retry", help="send a refused package again (after the cause was dealt with)")
    p.add_argument("package", metavar="PACKAGE_ID", help="its id, or its first 8+ characters")
    p.set_defaults(func=cmd_outbox_retry)
