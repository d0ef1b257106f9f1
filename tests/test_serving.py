"""course_lib.serving: a real HTTP service on 127.0.0.1, answers equal to the in-memory model,
a 4xx JSON error for every bad request, and the command line ``python -m course_lib.serving``."""
import http.client
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from course_lib import serving  # noqa: E402

N_POINTS = 16
CLASSES = ["alpha", "beta", "gamma"]
ROOT = Path(__file__).resolve().parent.parent


def _model():
    keras.utils.set_random_seed(3)
    return keras.Sequential([
        keras.Input(shape=(N_POINTS,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(len(CLASSES), activation="softmax"),
    ])


@pytest.fixture(scope="module")
def model_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("serving") / "model.keras"
    _model().save(path)
    return path


@pytest.fixture(scope="module")
def service(model_file):
    model = keras.saving.load_model(model_file)
    server = serving.start_server(model_file, port=0, classes=CLASSES, timeout=20)
    try:
        yield server, model
    finally:
        server.stop()


def test_health(service):
    server, _ = service
    status, answer = serving.get_json(server.url + "/health")
    assert status == 200
    assert answer == {"status": "ok", "n_points": N_POINTS, "classes": CLASSES}
    assert server.server_address[0] == "127.0.0.1"


def test_predictions_match_the_model_in_memory(service):
    server, model = service
    x = np.random.default_rng(0).normal(size=(5, N_POINTS)).astype("float32")
    status, answer = serving.post_json(server.url + "/predict", {"spectra": x.tolist()})
    assert status == 200, answer
    expected = model.predict(x, verbose=0)
    np.testing.assert_allclose(answer["probabilities"], expected, rtol=1e-5, atol=1e-6)
    assert answer["labels"] == [CLASSES[k] for k in expected.argmax(axis=1)]
    # ints are numbers too, and one spectrum is fine
    status, answer = serving.post_json(server.url + "/predict", {"spectra": [list(range(N_POINTS))]})
    assert status == 200 and len(answer["probabilities"]) == 1


GOOD = [0.5] * N_POINTS


@pytest.mark.parametrize("payload, status, words", [
    ({"spectra": [GOOD[:-1]]}, 422, "has 15 values"),
    ({"spectra": [GOOD + [0.1]]}, 422, "has 17 values"),
    ({"spectra": [GOOD, GOOD[:3]]}, 422, "spectrum 1"),
    ({"spectra": [GOOD[:-1] + ["0.3"]]}, 422, "not a number"),
    ({"spectra": [GOOD[:-1] + [True]]}, 422, "not a number"),
    ({"spectra": [GOOD[:-1] + [None]]}, 422, "not a number"),
    ({"spectra": [GOOD[:-1] + [[0.1]]]}, 422, "not a number"),
    ({"spectra": GOOD}, 422, "not a list"),
    ({"spectra": "0.1, 0.2"}, 422, "must be a list"),
    ({"spectra": []}, 422, "empty"),
    ({"spectrum": [GOOD]}, 422, "no \"spectra\""),
    ([GOOD], 422, "JSON object"),
    ({"spectra": [GOOD] * (serving.MAX_SPECTRA + 1)}, 413, "at most"),
])
def test_bad_payloads_get_a_4xx_json_error(service, payload, status, words):
    server, _ = service
    got, answer = serving.post_json(server.url + "/predict", payload)
    assert got == status, answer
    assert words in answer["error"]


@pytest.mark.parametrize("body, status, words", [
    (b"{not json", 400, "not valid JSON"),
    (b"", 400, "not valid JSON"),
    (b"\xff\xfe", 400, "UTF-8"),
    (('{"spectra": [[' + ", ".join(["0.5"] * (N_POINTS - 1)) + ', NaN]]}').encode(), 422, "finite"),
    (('{"spectra": [[' + ", ".join(["0.5"] * (N_POINTS - 1)) + ', -Infinity]]}').encode(), 422, "finite"),
    (('{"spectra": [[' + ", ".join(["0.5"] * (N_POINTS - 1)) + ', 1e400]]}').encode(), 422, "not finite"),
    (('{"spectra": [[' + ", ".join(["0.5"] * (N_POINTS - 1)) + ', 1e39]]}').encode(), 422, "float32"),
    (b"[" * 100000 + b"]" * 100000, 400, ""),
])
def test_bad_bodies_get_a_4xx_json_error(service, body, status, words):
    server, _ = service
    got, answer = serving.post_json(server.url + "/predict", body=body)
    assert got == status, answer
    assert words in answer["error"]


def test_too_large_body_and_other_requests(service):
    server, _ = service
    host, port = server.server_address[:2]

    def raw(method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(host, port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, json.loads(resp.read())
        finally:
            conn.close()

    status, answer = raw("POST", "/predict", b"x", {"Content-Length": str(serving.MAX_BODY_BYTES + 1)})
    assert status == 413 and "at most" in answer["error"]
    conn = http.client.HTTPConnection(host, port, timeout=10)      # no Content-Length at all
    try:
        conn.putrequest("POST", "/predict")
        conn.endheaders()
        resp = conn.getresponse()
        assert resp.status == 411 and "Content-Length" in json.loads(resp.read())["error"]
    finally:
        conn.close()
    assert raw("POST", "/predict", b"{}", {"Content-Length": "abc"})[0] == 400
    assert raw("GET", "/nowhere")[0] == 404
    assert raw("POST", "/train", b"{}")[0] == 404
    assert raw("DELETE", "/predict")[0] == 405
    # and the service still answers after all of that
    status, answer = serving.post_json(server.url + "/predict", {"spectra": [GOOD]})
    assert status == 200


def test_stop_closes_the_port(model_file):
    server = serving.start_server(model_file, port=0, timeout=20)
    url = server.url
    server.stop()
    with pytest.raises(TimeoutError):
        serving.wait_until_ready(url, timeout=0.5)


def test_validate_request_directly():
    x = serving.validate_request({"spectra": [[1, 2.5, 3]]}, 3)
    assert x.dtype == np.float32 and x.shape == (1, 3)
    with pytest.raises(serving.RequestError) as err:
        serving.validate_request({"spectra": [[1, float("nan"), 3]]}, 3)
    assert err.value.status == 422


def test_command_line_serves_a_keras_file(model_file):
    """``python -m course_lib.serving MODEL --port 0`` prints its address, serves, and stops on terminate."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "course_lib.serving", str(model_file), "--port", "0",
                             "--classes", ",".join(CLASSES)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    try:
        info = None
        while info is None:
            line = lines.get(timeout=60)              # TensorFlow's import is slow on a busy machine
            if line.startswith("{"):
                info = json.loads(line)
        serving.wait_until_ready(info["serving"], timeout=20)
        x = np.random.default_rng(1).normal(size=(3, N_POINTS)).astype("float32")
        status, answer = serving.post_json(info["serving"] + "/predict", {"spectra": x.tolist()})
        assert status == 200
        expected = keras.saving.load_model(model_file).predict(x, verbose=0)
        np.testing.assert_allclose(answer["probabilities"], expected, rtol=1e-5, atol=1e-6)
        assert serving.post_json(info["serving"] + "/predict", {"spectra": [[1.0]]})[0] == 422
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
