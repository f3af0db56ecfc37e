"""Render the dashboard in headless Chromium through the DevTools protocol (standard library only).

Used by ``--screenshot`` of the dashboard and by tests/test_report.py. `Page` opens the page from disk
and drives it as a person would (mouse clicks and typing through the Input domain, the change events of
the form controls), waits for the page to say it has drawn, collects console errors, uncaught
exceptions and failed loads, notes any request that would leave the machine (the page must render
offline) and saves PNG screenshots. `render_page` draws the page for every queue and counts what each
panel drew.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
)

# Evaluated in the page: what each panel drew (or the one-line reason it is hidden).
PANELS_JS = """JSON.stringify(Array.from(document.querySelectorAll('[data-panel]')).map(function (p) {
  return {id: p.id, hidden: p.getAttribute('data-hidden') === 'true',
          reason: p.querySelector('.hidden-reason').hidden ? ''
            : p.querySelector('.hidden-reason').textContent,
          svgs: p.querySelectorAll('svg').length, marks: p.querySelectorAll('svg .mark').length,
          rows: p.querySelectorAll('tbody tr').length, tiles: p.querySelectorAll('.tile').length};
}))"""
QUEUE_OPTIONS_JS = (
    "JSON.stringify(Array.from(document.querySelectorAll('#queue-select option'))"
    ".map(function (o) { return o.value; }))"
)


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome binary on PATH (CHROMIUM env var first), else None."""
    explicit = os.environ.get("CHROMIUM")
    if explicit and Path(explicit).exists():
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class RenderResult:
    panels: dict[str, dict[str, Any]] = field(default_factory=dict)
    panels_per_queue: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    page_height: int = 0
    page_width: int = 0


class _WebSocket:
    """The client half of RFC 6455, enough for the DevTools protocol (text frames, no extensions)."""

    def __init__(self, url: str, timeout: float) -> None:
        assert url.startswith("ws://"), url
        host_port, _, path = url[len("ws://") :].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            response += chunk
        if b" 101 " not in response.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"websocket handshake failed: {response[:200]!r}")
        self.buffer = response.split(b"\r\n\r\n", 1)[1]

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text: str) -> None:
        self._send_frame(0x1, text.encode())

    def recv(self) -> str:
        message = b""
        while True:
            first, second = self._read(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else b""
            payload = self._read(length)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x9:  # ping
                self._send_frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the websocket")
            message += payload
            if first & 0x80:
                return message.decode()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._send_frame(0x8, b"")
        self.sock.close()


class _DevTools:
    """Request/response over the page's websocket; events are collected into `events`."""

    def __init__(self, url: str, timeout: float) -> None:
        self.ws = _WebSocket(url, timeout)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        request_id = self.next_id
        self.ws.send(json.dumps({"id": request_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == request_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(e["method"] == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} within {timeout} s")
            self.events.append(json.loads(self.ws.recv()))

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluation failed: {result['exceptionDetails']}")
        return result["result"].get("value")


def _devtools_port(profile: Path, proc: subprocess.Popen[bytes], timeout: float) -> int:
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker.exists():
            lines = marker.read_text().split("\n")
            if lines and lines[0].strip().isdigit():
                return int(lines[0])
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited early with code {proc.returncode}")
        time.sleep(0.1)
    raise TimeoutError("chromium did not open its DevTools port")


def _page_websocket(port: int, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=timeout) as response:
            targets = json.loads(response.read())
        pages = [t for t in targets if t.get("type") == "page" and t.get("webSocketDebuggerUrl")]
        if pages:
            return pages[0]["webSocketDebuggerUrl"]
        time.sleep(0.1)
    raise TimeoutError("no page target in chromium")


def _errors(events: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    errors, external = [], []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            exc = details.get("exception", {})
            errors.append(f"uncaught: {exc.get('description') or details.get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            errors.append(f"console.{params['type']}: {args}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            errors.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if not url.startswith(("file:", "data:", "about:", "blob:")):
                external.append(url)
        elif method == "Network.loadingFailed":
            errors.append(f"load failed: {params.get('errorText')}")
    return errors, external


def _call(function: str, *args: Any) -> str:
    """A JavaScript expression calling `function` (source text) with `args` as JSON literals."""
    return f"({function})({', '.join(json.dumps(a) for a in args)})"


class Page:
    """One page in headless Chromium, driven as a person would: real mouse clicks and key presses
    through the DevTools Input domain, and the form controls' own change events.

    Use as a context manager: ``with Page(browser, path, width=1400) as page: page.click("#x")``.
    """

    def __init__(
        self, browser: str, page: Path, width: int = 1400, height: int = 900, timeout: float = 60.0
    ) -> None:
        self.browser, self.page, self.width, self.height, self.timeout = browser, page, width, height, timeout
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: Any = None
        self.tools: _DevTools

    def __enter__(self) -> Page:
        self._tmp = tempfile.TemporaryDirectory(prefix="report-chromium-")
        profile = Path(self._tmp.name) / "profile"
        profile.mkdir()
        self._log = (Path(self._tmp.name) / "chromium.log").open("wb")
        self._proc = subprocess.Popen(
            [
                self.browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={self.width},{self.height}",
                "about:blank",
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        try:
            port = _devtools_port(profile, self._proc, self.timeout)
            self.tools = _DevTools(_page_websocket(port, self.timeout), self.timeout)
            for domain in ("Runtime", "Log", "Page", "Network"):
                self.tools.call(f"{domain}.enable")
            self.tools.call(
                "Emulation.setDeviceMetricsOverride",
                width=self.width,
                height=self.height,
                deviceScaleFactor=1,
                mobile=self.width < 600,
            )
            self.tools.call("Page.navigate", url=self.page.resolve().as_uri())
            self.tools.wait_for("Page.loadEventFired", self.timeout)
            self.wait_rendered()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "tools"):
            with contextlib.suppress(ConnectionError, OSError, RuntimeError):
                self.tools.call("Browser.close")
            self.tools.ws.close()
        if self._proc is not None:
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._log is not None:
            self._log.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    def evaluate(self, expression: str) -> Any:
        return self.tools.evaluate(expression)

    def json(self, expression: str) -> Any:
        """Evaluate an expression that returns JSON.stringify(...) and parse it."""
        return json.loads(self.evaluate(expression) or "null")

    def wait_rendered(self) -> None:
        """Wait until the page says it has drawn every panel (body[data-rendered=true])."""
        deadline = time.monotonic() + self.timeout
        while self.evaluate("document.body && document.body.getAttribute('data-rendered')") != "true":
            if time.monotonic() > deadline:
                raise TimeoutError("the page never finished drawing (body[data-rendered] not set)")
            time.sleep(0.05)

    def click(self, selector: str) -> None:
        """Scroll the element into view and click its centre with the mouse."""
        box = self.json(
            _call(
                "function (s) { var e = document.querySelector(s); if (!e) { return 'null'; }"
                " e.scrollIntoView({block: 'center'}); var r = e.getBoundingClientRect();"
                " return JSON.stringify({x: r.left + r.width / 2, y: r.top + r.height / 2}); }",
                selector,
            )
        )
        if box is None:
            raise LookupError(f"nothing on the page matches {selector}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.tools.call(
                "Input.dispatchMouseEvent", type=kind, x=box["x"], y=box["y"], button="left", clickCount=1
            )
        self.wait_rendered()

    def type_text(self, selector: str, text: str) -> None:
        """Focus a text field and type into it, key by key."""
        self.click(selector)
        self.evaluate(_call("function (s) { document.querySelector(s).select(); }", selector))
        self.tools.call("Input.insertText", text=text)
        self.wait_rendered()

    def choose(self, selector: str, value: str) -> None:
        """Pick an option of a <select> or set a date field, firing the control's change event as a
        person's pick does (headless Chromium draws no native pop-up to click in)."""
        done = self.evaluate(
            _call(
                "function (s, v) { var e = document.querySelector(s); if (!e) { return false; } e.focus();"
                " e.value = v; var taken = e.value === v;"
                " e.dispatchEvent(new Event('input', {bubbles: true}));"
                " e.dispatchEvent(new Event('change', {bubbles: true})); return taken; }",
                selector,
                value,
            )
        )
        if not done:
            raise LookupError(f"{selector} cannot take the value {value!r}")
        self.wait_rendered()

    def screenshot(self, path: Path, height: int | None = None) -> None:
        metrics = self.tools.call("Page.getLayoutMetrics")
        full = int(metrics.get("cssContentSize", metrics.get("contentSize", {})).get("height", 0))
        shot = self.tools.call(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": self.width, "height": min(height or full, full), "scale": 1},
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def size(self) -> tuple[int, int]:
        """The page's content width and height in CSS pixels."""
        size = self.json(
            "JSON.stringify([document.documentElement.scrollWidth, document.documentElement.scrollHeight])"
        )
        return int(size[0]), int(size[1])

    def problems(self) -> tuple[list[str], list[str]]:
        """Console errors, uncaught exceptions and failed loads so far; requests that left the machine."""
        return _errors(self.tools.events)


def render_page(
    browser: str,
    page: Path,
    screenshot: Path | None = None,
    width: int = 1400,
    screenshot_height: int = 2200,
    timeout: float = 60.0,
) -> RenderResult:
    """Open `page` in headless `browser`, draw it for every queue (over all its days), return what each
    panel drew and any errors."""
    result = RenderResult()
    with Page(browser, page, width=width, timeout=timeout) as p:
        if screenshot is not None:
            p.screenshot(screenshot, height=screenshot_height)
        result.panels = {c["id"]: c for c in p.json(PANELS_JS)}
        p.click('[data-focus="all"]')
        for value in p.json(QUEUE_OPTIONS_JS) or []:
            p.choose("#queue-select", value)
            result.panels_per_queue[value] = {c["id"]: c for c in p.json(PANELS_JS)}
        result.page_width, result.page_height = p.size()
        result.errors, result.external_requests = p.problems()
    return result
