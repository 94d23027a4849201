"""What a screen reader sees: a separate process on the AT-SPI bus (the system Python's pyatspi).

Run as ``/usr/bin/python3 walker.py`` before the application starts (its listeners are then
known to the application from its first event), then send ``pid N``; it listens to the focus
and announcement events of the application with that process id and answers commands on stdin
with one JSON line each:

- ``tree``: every showing node of the application's active window: role, name, whether it has
  the Text interface and its text (statements, documents), and the unnamed controls and images;
- ``events``: the focus and announcement events received since the last ``events``, in order.
"""

from __future__ import annotations

import json
import sys
import threading

import pyatspi
from gi.repository import GLib

CONTROLS = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON,
            pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SPIN_BUTTON,
            pyatspi.ROLE_SLIDER, pyatspi.ROLE_IMAGE, pyatspi.ROLE_TEXT, pyatspi.ROLE_TABLE}
MAX_NODES = 5000  # a runaway tree ends the walk, not the suite

pid = -1
events: list[dict] = []
lock = threading.Lock()


def mine(source) -> bool:
    try:
        return source.get_process_id() == pid
    except Exception:  # a node that vanished meanwhile
        return False


def describe(node) -> dict:
    try:
        return {"role": node.getRoleName(), "name": node.name or ""}
    except Exception:  # a node that vanished meanwhile
        return {"role": "?", "name": ""}


def on_event(event) -> None:
    if not mine(event.source):
        return
    record = {"type": event.type, **describe(event.source)}
    if event.type.startswith("object:announcement"):
        record["text"] = str(event.any_data)
    elif event.type.startswith("object:property-change"):
        return
    elif event.type.startswith("object:state-changed:focused"):
        if not event.detail1:
            return
        record["type"] = "focus"
    with lock:
        events.append(record)


def application():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and mine(app):
            return app
    return None


def text_of(node) -> str | None:
    try:
        text = node.queryText()
    except NotImplementedError:
        return None
    return text.getText(0, text.characterCount)


def walk() -> dict:
    app = application()
    if app is None:
        names = [f"{a.name}:{a.get_process_id()}" for a in pyatspi.Registry.getDesktop(0) if a is not None]
        return {"error": f"no application with pid {pid} on the accessibility bus (there are: {names})"}
    nodes, controls, unnamed, texts = 0, 0, [], []
    windows = [w for w in app if w is not None and w.getState().contains(pyatspi.STATE_ACTIVE)] or list(app)
    stack = list(windows)
    while stack and nodes < MAX_NODES:
        node = stack.pop()
        if node is None:
            continue
        states = node.getState()
        if not states.contains(pyatspi.STATE_SHOWING):
            continue
        nodes += 1
        info = describe(node)
        role = node.getRole()
        focusable = states.contains(pyatspi.STATE_FOCUSABLE)
        if role in CONTROLS and (focusable or role == pyatspi.ROLE_IMAGE):
            controls += 1
            if not info["name"].strip():
                unnamed.append(info["role"])
        text = text_of(node)
        if text is not None and role not in (pyatspi.ROLE_ENTRY, pyatspi.ROLE_PUSH_BUTTON):
            texts.append({**info, "text": text, "focusable": focusable,
                          "multi_line": states.contains(pyatspi.STATE_MULTI_LINE)})
        stack.extend(reversed([child for child in node if child is not None]))
    return {"nodes": nodes, "controls": controls, "unnamed": unnamed, "texts": texts}


def command(source, _condition) -> bool:
    line = sys.stdin.readline()
    if not line:
        GLib.idle_add(pyatspi.Registry.stop)
        return False
    global pid
    what = line.strip()
    if what.startswith("pid "):
        pid = int(what.split()[1])
        answer = {"pid": pid}
    elif what == "tree":
        answer = walk()
    elif what == "events":
        with lock:
            answer = {"events": list(events)}
            events.clear()
    else:
        answer = {"error": f"unknown command {what!r}"}
    print(json.dumps(answer), flush=True)
    return True


def main() -> None:
    # As a screen reader does: name changes too (they also keep the client's cache of names true).
    pyatspi.Registry.registerEventListener(on_event, "object:state-changed:focused", "object:announcement",
                                           "object:property-change:accessible-name")
    GLib.io_add_watch(sys.stdin.fileno(), GLib.IO_IN | GLib.IO_HUP, command)
    GLib.idle_add(lambda: print(json.dumps({"ready": True}), flush=True) and False)
    pyatspi.Registry.start()


if __name__ == "__main__":
    main()
