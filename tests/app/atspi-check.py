#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads a running Chronoscope over AT-SPI as a screen reader would and
# checks two things:
#
#  - every visible interactive object has a real name (not empty, not a
#    class name such as "GtkImage");
#  - Tab pressed 16 times from the timeline reaches the header bar and
#    the event list and comes back to the timeline.
#
# It needs a display, a session bus and the accessibility bus, so it is
# run by hand (see README, "Keyboard and accessibility"):
#
#   xvfb-run -a dbus-run-session -- /usr/bin/python3 tests/app/atspi-check.py \
#       _build/src/chronoscope data/examples/ai-talent.json
#
# Exit status 0 when both checks pass.  --dump prints the whole tree;
# --screenshots DIR saves the screen at each Tab stop (ImageMagick).

import os
import re
import subprocess
import sys
import time

import pyatspi

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_LIST_ITEM,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_LIST_BOX,
    pyatspi.ROLE_LINK,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_SCROLL_PANE,
    pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_TEXT,
}

CLASS_NAME = re.compile(r"^(Gtk|Adw|Chrono)[A-Za-z]+$")


def find_app(name, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name and app.name.lower() == name:
                return app
        time.sleep(0.3)
    return None


def walk(node, depth=0):
    yield node, depth
    try:
        n = node.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            yield from walk(child, depth + 1)


def on_screen(node, states):
    # GTK 4.8 sets no SHOWING state and VISIBLE on widgets of hidden
    # stack pages too: an object is on screen when it and each of its
    # ancestors are visible and it has an area.
    try:
        box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    if box.width <= 0 or box.height <= 0:
        return False
    # Widgets of a stack page that is not shown keep their old area: what
    # is really at the object's centre tells.
    try:
        window = node
        while window.parent is not None and window.parent.getRole() != pyatspi.ROLE_APPLICATION:
            window = window.parent
        picked = window.queryComponent().getAccessibleAtPoint(
            box.x + box.width // 2, box.y + box.height // 2, pyatspi.WINDOW_COORDS)
    except Exception:
        picked = None
    if picked is not None and not related(node, picked):
        return False
    while node is not None:
        try:
            if node.getRole() == pyatspi.ROLE_APPLICATION:
                return True
            if not node.getState().contains(pyatspi.STATE_VISIBLE):
                return False
            node = node.parent
        except Exception:
            return False
    return True


def is_ancestor(ancestor, node):
    while node is not None:
        if node == ancestor:
            return True
        try:
            node = node.parent
        except Exception:
            return False
    return False


def related(a, b):
    return is_ancestor(a, b) or is_ancestor(b, a)


def describe(node):
    try:
        return "%s %r" % (node.getRoleName(), node.name)
    except Exception:
        return "<gone>"


def focused(app):
    for node, _ in walk(app):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return node
        except Exception:
            pass
    return None


def ancestors(node):
    names = []
    while node is not None:
        try:
            names.append((node.getRoleName(), node.name))
            node = node.parent
        except Exception:
            break
    return names


def press_tab():
    # Tab's keycode under Xvfb's default keymap.
    pyatspi.Registry.generateKeyboardEvent(23, None, pyatspi.KEY_PRESSRELEASE)
    time.sleep(0.35)


def main():
    if len(sys.argv) < 3:
        print("usage: atspi-check.py CHRONOSCOPE FILE [--dump]", file=sys.stderr)
        return 2

    env = dict(os.environ)
    env["GTK_A11Y"] = "atspi"
    env.pop("NO_AT_BRIDGE", None)
    env.setdefault("GSETTINGS_BACKEND", "memory")
    build = os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[1])))
    env.setdefault("GSETTINGS_SCHEMA_DIR", os.path.join(build, "data"))
    proc = subprocess.Popen([sys.argv[1], sys.argv[2]], env=env)
    failures = 0

    try:
        app = find_app("chronoscope")
        if app is None:
            print("FAIL: Chronoscope never appeared on the accessibility bus")
            return 1
        time.sleep(2.0)

        print("# Names")
        for node, depth in walk(app):
            try:
                states = node.getState()
                role = node.getRole()
                name = node.name or ""
            except Exception:
                continue
            if "--dump" in sys.argv:
                print("  " * depth + describe(node) +
                      (" (on screen)" if on_screen(node, states) else ""))
            if not on_screen(node, states):
                continue
            if role not in INTERACTIVE and not states.contains(pyatspi.STATE_FOCUSABLE):
                continue
            if role in (pyatspi.ROLE_TEXT,) and not states.contains(pyatspi.STATE_FOCUSABLE):
                continue
            if name.strip() == "" or CLASS_NAME.match(name) or "_" in name:
                print("FAIL: unnamed %s (in %s)" % (describe(node), ancestors(node.parent)[:3]))
                failures += 1

        print("# Tab from the timeline")
        stops = []
        shots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
        for i in range(16):
            node = focused(app)
            stops.append(describe(node) if node is not None else "<none>")
            if shots is not None:
                subprocess.run(["import", "-window", "root",
                                os.path.join(shots, "tab-%02d.png" % i)], check=False)
            press_tab()
        for stop in stops:
            print("  " + stop)
        first = stops[0]
        if not first.startswith("panel") and "Timeline" not in first and "timeline" not in first.lower():
            print("FAIL: the focus did not start on the timeline: %s" % first)
            failures += 1
        if not any("push button" in s or "toggle button" in s for s in stops):
            print("FAIL: Tab never reached the header bar")
            failures += 1
        if not any("list item" in s or "list box" in s or "'Events'" in s for s in stops):
            print("FAIL: Tab never reached the event list")
            failures += 1
        if stops.count(first) < 2:
            print("FAIL: Tab did not come back to the timeline")
            failures += 1
    finally:
        proc.terminate()
        proc.wait(5)

    print("%d problems" % failures)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
