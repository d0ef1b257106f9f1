"""A small HTTP prediction service for a Keras spectrum classifier (08_applications/05_spectroscopy_capstone).

Standard library only (``http.server.ThreadingHTTPServer``) around a model loaded from a
``.keras`` file (or a model object). Endpoints:

* ``GET /health`` -> ``200 {"status": "ok", "n_points": 512, "classes": [...]}``;
* ``POST /predict`` with the JSON body ``{"spectra": [[...512 numbers...], ...]}`` ->
  ``200 {"probabilities": [[...], ...], "labels": [...]}`` (one row per spectrum; a label is
  the class name at the largest probability).

Every bad request gets a 4xx answer with a JSON body ``{"error": "..."}`` and the server goes
on serving: a body that is not JSON (400), JSON without a ``spectra`` list of lists of numbers,
a spectrum of the wrong length, a NaN or an infinity, a boolean or a string where a number
should be (422), too many spectra or too large a body (413), no ``Content-Length`` (411), an
unknown path (404). The checks are :func:`validate_request`'s own (not a learner's answer).

Run it from a shell::

    python -m course_lib.serving model.keras --port 8000 [--classes a,b,c]

or from Python (a notebook, a test) in a background thread::

    server = start_server(model, port=0)      # 0: a free port chosen by the system
    try:
        ... server.url ...
    finally:
        server.stop()
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

__all__ = ["MAX_BODY_BYTES", "MAX_SPECTRA", "validate_request", "PredictionServer", "start_server",
           "wait_until_ready", "post_json", "get_json", "main"]

MAX_BODY_BYTES = 8 * 1024 * 1024   # 8 MiB: about 500 spectra of 512 numbers written out in full
MAX_SPECTRA = 256


class RequestError(Exception):
    """A bad request: ``status`` (4xx) and a message for the client."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _no_constants(name: str):
    raise ValueError(f"{name} is not a number this service accepts")


def _parse_json(body: bytes):
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError(400, "the body is not UTF-8 text") from None
    try:
        # Python's json would read NaN/Infinity (not JSON, but common): refuse them here.
        return json.loads(text, parse_constant=_no_constants)
    except ValueError as exc:
        if "is not a number this service accepts" in str(exc):
            raise RequestError(422, "spectra must contain finite numbers only (NaN or Infinity found)") from None
        raise RequestError(400, f"the body is not valid JSON ({exc})") from None
    except RecursionError:
        raise RequestError(400, "the body is nested too deeply") from None


def validate_request(payload, n_points: int, max_spectra: int = MAX_SPECTRA) -> np.ndarray:
    """The float32 array ``(n, n_points)`` of a decoded request, or :class:`RequestError`.

    ``payload`` must be a JSON object with the key ``spectra``: a non-empty list of at most
    ``max_spectra`` lists, each of exactly ``n_points`` numbers (ints or floats, not booleans),
    all finite (also after conversion to float32).
    """
    if not isinstance(payload, dict):
        raise RequestError(422, 'the body must be a JSON object {"spectra": [[...], ...]}')
    if "spectra" not in payload:
        raise RequestError(422, 'the JSON object has no "spectra" key')
    spectra = payload["spectra"]
    if not isinstance(spectra, list):
        raise RequestError(422, '"spectra" must be a list of spectra (lists of numbers)')
    if not spectra:
        raise RequestError(422, '"spectra" is empty')
    for i, s in enumerate(spectra):
        if not isinstance(s, list):
            raise RequestError(422, f"spectrum {i} is a {type(s).__name__}, not a list of numbers")
    if len(spectra) > max_spectra:
        raise RequestError(413, f"at most {max_spectra} spectra per request, got {len(spectra)}")
    for i, s in enumerate(spectra):
        if len(s) != n_points:
            raise RequestError(422, f"spectrum {i} has {len(s)} values, the model needs {n_points}")
        for j, v in enumerate(s):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise RequestError(422, f"spectrum {i}, value {j} is a {type(v).__name__}, not a number")
            if isinstance(v, float) and not math.isfinite(v):
                raise RequestError(422, f"spectrum {i}, value {j} is not finite")
    with np.errstate(over="ignore"):
        x = np.asarray(spectra, dtype=np.float64).astype(np.float32)
    bad = ~np.isfinite(x)
    if bad.any():
        i, j = (int(k) for k in np.argwhere(bad)[0])
        raise RequestError(422, f"spectrum {i}, value {j} is too large for float32")
    return x


class _Handler(BaseHTTPRequestHandler):
    server_version = "SpectraService/1.0"
    protocol_version = "HTTP/1.1"
    timeout = 10                              # seconds a client may take to send its request

    def log_message(self, *args):            # quiet: a notebook or a test reads the answers
        if self.server.verbose:
            super().log_message(*args)

    def _send(self, status: int, obj) -> None:
        body = json.dumps(obj).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, {"error": message, "status": status})

    def do_GET(self):
        if self.path.split("?")[0] != "/health":
            return self._error(404, f"no such endpoint: GET {self.path}")
        self._send(200, {"status": "ok", "n_points": self.server.n_points, "classes": self.server.classes})

    def do_POST(self):
        try:
            if self.path.split("?")[0] != "/predict":
                self.close_connection = True
                raise RequestError(404, f"no such endpoint: POST {self.path}")
            length = self.headers.get("Content-Length")
            if length is None:
                self.close_connection = True
                raise RequestError(411, "a Content-Length header is required")
            try:
                length = int(length)
            except ValueError:
                self.close_connection = True
                raise RequestError(400, "Content-Length is not a number") from None
            if length < 0:
                self.close_connection = True
                raise RequestError(400, "Content-Length is negative")
            if length > self.server.max_body:
                self.close_connection = True     # the body is not read: close afterwards
                raise RequestError(413, f"the body has {length} bytes, at most {self.server.max_body} are accepted")
            try:
                body = self.rfile.read(length)
            except OSError:                      # the client promised more bytes than it sent
                self.close_connection = True
                raise RequestError(408, "the body did not arrive in time") from None
            if len(body) != length:
                self.close_connection = True
                raise RequestError(400, "the body is shorter than its Content-Length")
            x = validate_request(_parse_json(body), self.server.n_points, self.server.max_spectra)
            probs = self.server.predict(x)
        except RequestError as exc:
            return self._error(exc.status, exc.message)
        except Exception as exc:                 # never let one request take the service down
            return self._error(500, f"prediction failed: {type(exc).__name__}")
        labels = [self.server.classes[int(k)] for k in probs.argmax(axis=1)]
        self._send(200, {"probabilities": probs.tolist(), "labels": labels})

    def _not_allowed(self):
        self.close_connection = True
        self._error(405, f"method {self.command} is not allowed here")

    do_PUT = do_DELETE = do_PATCH = _not_allowed


class PredictionServer(ThreadingHTTPServer):
    """``ThreadingHTTPServer`` that answers with ``model``'s probabilities; see the module doc."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, model, host: str = "127.0.0.1", port: int = 0, classes=None,
                 max_body: int = MAX_BODY_BYTES, max_spectra: int = MAX_SPECTRA, verbose: bool = False):
        if isinstance(model, (str, bytes)) or hasattr(model, "__fspath__"):
            import keras
            model = keras.saving.load_model(model)
        self.model = model
        shape = model.input_shape
        if len(shape) != 2 or shape[1] is None:
            raise ValueError(f"the model must take inputs of shape (batch, n_points), not {shape}")
        self.n_points = int(shape[1])
        n_classes = int(model.output_shape[-1])
        self.classes = [str(c) for c in classes] if classes is not None else [str(k) for k in range(n_classes)]
        if len(self.classes) != n_classes:
            raise ValueError(f"{len(self.classes)} class names for a model with {n_classes} outputs")
        self.max_body, self.max_spectra, self.verbose = int(max_body), int(max_spectra), verbose
        self._lock = threading.Lock()
        self._thread = None
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def predict(self, x: np.ndarray) -> np.ndarray:
        with self._lock:                         # one prediction at a time: the model is shared
            return np.asarray(self.model(x, training=False), dtype=np.float64)

    def start(self) -> "PredictionServer":
        """Serve in a background (daemon) thread; returns ``self``."""
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="prediction-server", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving, close the socket and wait (at most ``timeout`` s) for the thread."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout)
            self._thread = None
        self.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start_server(model, host: str = "127.0.0.1", port: int = 0, classes=None, timeout: float = 10.0,
                 **kwargs) -> PredictionServer:
    """A :class:`PredictionServer` serving in a background thread, ready (``/health`` answered)."""
    server = PredictionServer(model, host=host, port=port, classes=classes, **kwargs).start()
    try:
        wait_until_ready(server.url, timeout=timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _request(url: str, data: bytes | None, timeout: float, headers: dict | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as err:
        body = err.read().decode("utf-8", errors="replace")
        try:
            return err.code, json.loads(body)
        except ValueError:
            return err.code, {"error": body}


def get_json(url: str, timeout: float = 5.0):
    """``(status, decoded JSON)`` of a GET request."""
    return _request(url, None, timeout)


def post_json(url: str, payload=None, body: bytes | None = None, timeout: float = 10.0):
    """``(status, decoded JSON)`` of a POST of ``payload`` as JSON (or of raw ``body`` bytes)."""
    data = body if body is not None else json.dumps(payload).encode("utf-8")
    return _request(url, data, timeout, {"Content-Type": "application/json"})


def wait_until_ready(url: str, timeout: float = 10.0, interval: float = 0.05) -> dict:
    """Poll ``url + "/health"`` until it answers 200 (returns its JSON) or ``timeout`` s pass."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            status, answer = get_json(url.rstrip("/") + "/health", timeout=min(1.0, timeout))
            if status == 200:
                return answer
            last = f"status {status}"
        except (OSError, ValueError) as exc:      # not listening yet
            last = repr(exc)
        time.sleep(interval)
    raise TimeoutError(f"no healthy service at {url} after {timeout} s (last: {last})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course_lib.serving",
                                     description="Serve a .keras spectrum classifier over HTTP.")
    parser.add_argument("model", help="path of a .keras model taking (batch, n_points) spectra")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (0: any free port; default 8000)")
    parser.add_argument("--classes", default=None, help="comma-separated class names (default 0, 1, ...)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    classes = args.classes.split(",") if args.classes else None
    server = PredictionServer(args.model, host=args.host, port=args.port, classes=classes, verbose=args.verbose)
    print(json.dumps({"serving": server.url, "n_points": server.n_points, "classes": server.classes}), flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
