"""Open a local HTML file in headless Chromium and report what a reader would see.

Talks the DevTools protocol over `--remote-debugging-pipe` (file descriptors 3 and 4),
so it needs nothing beyond the standard library and no network port.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
]
WIDTH = 1200
TIMEOUT = 60.0


@dataclass(frozen=True)
class Visit:
    """What one load of a page showed: its DOM, console errors and every URL it requested."""

    dom: str
    errors: list[str]
    requests: list[str]
    probe: Any = None


def visit(html_path: str | Path, png_path: str | Path | None = None, ready: str = "true",
          width: int = WIDTH, probe: str | None = None, parts: dict[str, str] | None = None) -> Visit:
    """Load the page once: DOM, console errors, requests, and a full-page PNG if `png_path` is given.

    `ready` is a JavaScript expression polled (up to TIMEOUT) after the load event before the
    page counts as settled, e.g. "every chart div holds an <svg>". The viewport is `width` CSS
    pixels wide (a phone at 390). `probe`, a JavaScript expression, is evaluated once the page
    has settled and its (JSON) value returned in `Visit.probe`. `parts` maps a name to a CSS
    selector: each element found is also saved as `<png_path stem>-<name>.png` (a close-up).
    """
    return _visit(Path(html_path), None if png_path is None else Path(png_path), ready=ready, width=width,
                  probe=probe, parts=parts)


def dump_dom(html_path: str | Path) -> str:
    """The page's DOM (`document.documentElement.outerHTML`) once it has loaded and settled."""
    return _visit(Path(html_path)).dom


def console_errors(html_path: str | Path) -> list[str]:
    """Console errors, uncaught exceptions and failed loads logged while the page loaded."""
    return _visit(Path(html_path)).errors


def screenshot(html_path: str | Path, png_path: str | Path) -> None:
    """Save a full-page PNG of the page, 1200 CSS pixels wide, to `png_path`."""
    _visit(Path(html_path), Path(png_path))


def _visit(html_path: Path, png_path: Path | None = None, settle: float = 1.0,
           ready: str = "true", width: int = WIDTH, probe: str | None = None,
           parts: dict[str, str] | None = None) -> Visit:
    """Load `html_path`, wait until `ready` is true, then `settle` seconds; report what happened."""
    with tempfile.TemporaryDirectory() as profile, _Chromium(profile) as browser:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(f"{domain}.enable", session)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=800,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        browser.events.clear()  # only what the page itself does counts
        browser.call("Page.navigate", session, url=html_path.resolve().as_uri())
        browser.wait_for("Page.loadEventFired")
        deadline = time.monotonic() + TIMEOUT
        while not browser.evaluate(session, f"Boolean({ready})"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"the page was not ready within {TIMEOUT:.0f} s: {ready}")
            time.sleep(0.1)
        time.sleep(settle)
        dom = browser.evaluate(session, "document.documentElement.outerHTML")
        probed = browser.evaluate(session, f"JSON.stringify({probe})") if probe else None
        if png_path is not None:
            height = browser.evaluate(session, "document.documentElement.scrollHeight")
            browser.call(
                "Emulation.setDeviceMetricsOverride",
                session,
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=width < 600,
            )
            data = browser.call("Page.captureScreenshot", session, format="png")["data"]
            Path(png_path).write_bytes(base64.b64decode(data))
            for name, selector in (parts or {}).items():
                box = browser.evaluate(session, "(() => { const e = document.querySelector("
                                       + json.dumps(selector) + "); if (!e) return null; "
                                       "const b = e.getBoundingClientRect(); "
                                       "return [b.left, b.top + window.scrollY, b.width, b.height]; })()")
                if not box or box[2] <= 0 or box[3] <= 0:
                    continue
                tall = 1000 if name.startswith("top") else 4000  # "top…": the first screen only
                clip = {"x": 0, "y": box[1], "width": width, "height": min(box[3], tall), "scale": 1}
                data = browser.call("Page.captureScreenshot", session, format="png", clip=clip)["data"]
                Path(png_path).with_name(f"{Path(png_path).stem}-{name}.png").write_bytes(base64.b64decode(data))
        return Visit(dom, browser.errors(), browser.requests(), json.loads(probed) if probed else None)


class _Chromium:
    """A headless Chromium process driven over the DevTools pipe."""

    def __init__(self, profile: str) -> None:
        self.profile = profile
        self.events: list[dict[str, Any]] = []
        self.next_id = 0
        self.buffer = b""

    def __enter__(self) -> _Chromium:
        to_child, self.to_browser = os.pipe()
        self.from_browser, from_child = os.pipe()

        def use_pipe_fds() -> None:  # in the child: its DevTools pipe must be fds 3 (in) and 4 (out)
            high_in = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
            high_out = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)
            os.close(high_in)
            os.close(high_out)

        self.process = subprocess.Popen(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=use_pipe_fds,
            close_fds=False,
        )
        os.close(to_child)
        os.close(from_child)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self.to_browser)
            os.close(self.from_browser)

    def send(self, method: str, session: str | None = None, **params: Any) -> int:
        """Send a command; return its id."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        return self.next_id

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command and return its result."""
        command = self.send(method, session, **params)
        reply = self._read_until(lambda m: m.get("id") == command)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    def evaluate(self, session: str, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", session, expression=expression, returnByValue=True)
        return result["result"]["value"]

    def wait_for(self, event: str) -> None:
        """Block until the browser sends `event` (or has already sent it)."""
        if not any(e.get("method") == event for e in self.events):
            self._read_until(lambda m: m.get("method") == event)

    def errors(self) -> list[str]:
        """Error messages among the events received so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(details.get("exception", {}).get("description", details["text"]))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"])
        return found

    def requests(self) -> list[str]:
        """URLs the page asked for (Network.requestWillBeSent), in order."""
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def _read_until(self, done: Any) -> dict[str, Any]:
        """Read messages, keeping events, until one satisfies `done`; return it."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "method" in message:
                    self.events.append(message)
                if done(message):
                    return message
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_browser], [], [], left)[0]:
                raise TimeoutError(f"no answer from Chromium within {TIMEOUT:.0f} s")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError(f"Chromium closed the DevTools pipe (exit code {self.process.poll()})")
            self.buffer += chunk
