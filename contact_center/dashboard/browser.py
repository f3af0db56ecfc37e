"""Render the dashboard in headless Chromium through the DevTools protocol (standard library only).

Used by ``--screenshot`` of the dashboard and by tests/test_report.py: it opens the page from disk,
waits for the charts, switches the queue selector through every queue, counts the marks each chart
drew, collects console errors, uncaught exceptions and failed loads, notes any request that would
leave the machine (the page must render offline) and optionally saves a PNG screenshot.
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

# Evaluated in the page: marks drawn per chart container.
COUNT_MARKS_JS = """JSON.stringify(Array.from(document.querySelectorAll('[data-chart]')).map(function (c) {
  return {id: c.id, svgs: c.querySelectorAll('svg').length, marks: c.querySelectorAll('svg .mark').length,
          empty: c.querySelectorAll('svg.no-data').length};
}))"""
QUEUE_OPTIONS_JS = (
    "JSON.stringify(Array.from(document.querySelectorAll('#queue-select option'))"
    ".map(function (o) { return o.value; }))"
)
SELECT_QUEUE_JS = (
    "(function (v) { var s = document.getElementById('queue-select'); s.value = v;"
    " s.dispatchEvent(new Event('change')); return s.value; })(%s)"
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
    charts: dict[str, dict[str, int]] = field(default_factory=dict)
    charts_per_queue: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    page_height: int = 0


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


def render_page(
    browser: str,
    page: Path,
    screenshot: Path | None = None,
    width: int = 1400,
    screenshot_height: int = 2200,
    timeout: float = 60.0,
) -> RenderResult:
    """Open `page` in headless `browser`, draw it for every queue, return what was drawn and any errors."""
    result = RenderResult()
    with tempfile.TemporaryDirectory(prefix="report-chromium-") as tmp:
        profile = Path(tmp) / "profile"
        profile.mkdir()
        log = (Path(tmp) / "chromium.log").open("wb")
        proc = subprocess.Popen(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},900",
                "about:blank",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            port = _devtools_port(profile, proc, timeout)
            tools = _DevTools(_page_websocket(port, timeout), timeout)
            for domain in ("Runtime", "Log", "Page", "Network"):
                tools.call(f"{domain}.enable")
            tools.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=900,
                deviceScaleFactor=1,
                mobile=False,
            )
            tools.call("Page.navigate", url=page.resolve().as_uri())
            tools.wait_for("Page.loadEventFired", timeout)
            deadline = time.monotonic() + timeout
            while tools.evaluate("document.body && document.body.getAttribute('data-rendered')") != "true":
                if time.monotonic() > deadline:
                    result.errors.append("the page never finished drawing (body[data-rendered] not set)")
                    break
                time.sleep(0.1)
            result.charts = {c["id"]: c for c in json.loads(tools.evaluate(COUNT_MARKS_JS))}
            options = json.loads(tools.evaluate(QUEUE_OPTIONS_JS) or "[]")
            for value in [*options[1:], *options[:1]]:  # every queue, then back to the first option (all)
                tools.evaluate(SELECT_QUEUE_JS % json.dumps(value))
                result.charts_per_queue[value] = {
                    c["id"]: c for c in json.loads(tools.evaluate(COUNT_MARKS_JS))
                }
            metrics = tools.call("Page.getLayoutMetrics")
            result.page_height = int(
                metrics.get("cssContentSize", metrics.get("contentSize", {})).get("height", 0)
            )
            if screenshot is not None:
                shot = tools.call(
                    "Page.captureScreenshot",
                    format="png",
                    captureBeyondViewport=True,
                    clip={
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": min(screenshot_height, result.page_height or screenshot_height),
                        "scale": 1,
                    },
                )
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                screenshot.write_bytes(base64.b64decode(shot["data"]))
            errors, external = _errors(tools.events)
            result.errors += errors
            result.external_requests = external
            with contextlib.suppress(ConnectionError, OSError, RuntimeError):
                tools.call("Browser.close")
            tools.ws.close()
        finally:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
    return result
