"""Datasets: registry, offline loaders, and downloads tested against a local HTTP server."""
import gzip
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from course_lib import data
from course_lib.data import catalog
from local_server import LocalServer as _Server

ROOT = Path(__file__).resolve().parent.parent


# ----------------------------------------------------------------- registry and data cards


def test_registry_entries_are_complete():
    reg = data.registry()
    assert {"digits", "digits28", "toy2d", "mnist", "fashion_mnist", "imdb"} <= set(reg)
    for name, info in reg.items():
        for key in ("kind", "title", "source", "licence", "size", "loader"):
            assert info.get(key), f"{name}: missing {key}"
        assert info["kind"] in {"bundled", "generated", "download"}
        module, _, func = info["loader"].rpartition(".")
        assert module == "course_lib.data" and callable(getattr(data, func)), f"{name}: loader {info['loader']}"
        if info["kind"] == "download":
            assert info["url"].startswith("https://")
            for fname, checksum in info["files"].items():
                algo, _, digest = checksum.partition(":")
                assert algo in {"sha256", "md5"} and len(digest) == {"sha256": 64, "md5": 32}[algo], fname


def test_every_dataset_has_a_data_card():
    card = (ROOT / "datasets" / "README.md").read_text()
    for name in data.registry():
        assert f"`{name}`" in card, f"datasets/README.md has no data card for {name}"


def test_unknown_dataset_is_a_clear_error():
    with pytest.raises(data.DatasetError, match="Known datasets"):
        data.dataset_info("nope")
    with pytest.raises(data.DatasetError, match="not downloaded"):
        data.fetch("digits")



# ----------------------------------------------------------------- the datasets/ folder as a package


_FIND_DATASETS = """
import importlib.util, json, sys
if sys.argv[1] == "root-first":
    sys.path.insert(0, sys.argv[2])
else:
    sys.path[:] = [p for p in sys.path if p not in ("", sys.argv[2])]
sys.path.extend(sys.argv[3:])  # after everything, like a site-packages folder
spec = importlib.util.find_spec("datasets")
print(json.dumps(None if spec is None else {"origin": spec.origin, "locations": list(spec.submodule_search_locations or [])}))
"""


def _find_datasets(mode, *extra):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _FIND_DATASETS, mode, str(ROOT), *map(str, extra)], cwd=ROOT.parent,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_datasets_folder_never_shadows_the_datasets_package(tmp_path):
    """With the repository root first on sys.path, ``import datasets`` finds what it finds without it
    (Hugging Face ``datasets`` when installed); our folder is at most a namespace portion."""
    assert not (ROOT / "datasets" / "__init__.py").exists()
    first, without = _find_datasets("root-first"), _find_datasets("root-absent")
    # A regular package later on sys.path (a stand-in for Hugging Face's) wins over the folder.
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "__init__.py").write_text("")
    installed = _find_datasets("root-absent", tmp_path)["origin"]  # the stand-in, or the real one before it
    assert installed and _find_datasets("root-first", tmp_path)["origin"] == installed
    assert first is not None  # the folder is always a namespace candidate
    assert first["origin"] != str(ROOT / "datasets" / "__init__.py")
    if without is not None and without["origin"]:  # a regular ``datasets`` package is installed: it wins
        assert first["origin"] == without["origin"]
    else:  # nothing installed: a namespace package, no code of ours runs
        assert first["origin"] in (None, "namespace")


def test_registry_is_read_through_course_datasets(monkeypatch):
    """Installed (also editable), the registry comes from ``course_datasets``, not the checkout path."""
    import importlib.util

    from course_lib.data import catalog

    if importlib.util.find_spec("course_datasets") is None:
        pytest.skip("course_datasets is not installed (plain source checkout)")
    monkeypatch.setattr(catalog, "_CHECKOUT_REGISTRY", ROOT / "no-such-folder" / "registry.json")
    assert json.loads(catalog._registry_text())["mnist"]["kind"] == "download"


def test_grading_sandbox_shows_the_datasets_folder():
    import importlib.util

    from course_lib.grading import sandbox

    if importlib.util.find_spec("course_datasets") is None:
        pytest.skip("course_datasets is not installed (plain source checkout)")
    shown = {Path(p).resolve() for p in sandbox._course_paths()}
    assert (ROOT / "datasets").resolve() in shown and (ROOT / "course_lib").resolve() in shown


# ----------------------------------------------------------------- offline data


def test_load_digits_ranges_and_subset():
    X, y = data.load_digits()
    assert X.shape == (1797, 8, 8) and X.dtype == np.float32
    assert X.min() == 0.0 and X.max() == 1.0 and set(y) == set(range(10))
    Xs, ys = data.load_digits(n=50, seed=1)
    assert len(ys) == 50 and np.bincount(ys).min() == 5  # balanced
    Xs2, ys2 = data.load_digits(n=50, seed=1)
    np.testing.assert_array_equal(ys, ys2)


def test_load_digits28_is_mnist_shaped_with_border():
    X, y = data.load_digits28(n=20)
    assert X.shape == (20, 28, 28) and X.dtype == np.float32
    assert X[:, :4].max() == 0 and X[:, :, -4:].max() == 0
    assert 0.0 <= X.min() and X.max() <= 1.0


def test_upsample_keeps_constant_images_constant():
    img = np.full((2, 8, 8), 0.25, dtype=np.float32)
    np.testing.assert_allclose(data.upsample(img, 20), 0.25, rtol=1e-6)


@pytest.mark.parametrize("kind, classes", [("moons", 2), ("circles", 2), ("xor", 2), ("spirals", 3), ("blobs", 3)])
def test_toy2d(kind, classes):
    X, y = data.make_toy2d(kind, n=101, seed=3)
    assert X.shape == (101, 2) and y.shape == (101,)
    assert len(np.unique(y)) == classes
    X2, y2 = data.make_toy2d(kind, n=101, seed=3)
    np.testing.assert_array_equal(X, X2)
    assert np.abs(X).max() < 3


def test_toy2d_unknown_kind():
    with pytest.raises(ValueError, match="moons"):
        data.make_toy2d("squares")


def test_train_test_split_is_seeded_and_stratified():
    X, y = data.load_digits()
    a = data.train_test_split(X, y, test_size=0.2, stratify=y)
    b = data.train_test_split(X, y, test_size=0.2, stratify=y)
    np.testing.assert_array_equal(a[3], b[3])
    assert abs(np.bincount(a[3]) / len(a[3]) - np.bincount(y) / len(y)).max() < 0.01


# ----------------------------------------------------------------- downloads (local server)


def _sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def served(tmp_path, monkeypatch):
    """A fake MNIST/Fashion-MNIST/IMDB mirror with a registry pointing at it."""
    web = tmp_path / "web"
    web.mkdir()
    rng = np.random.default_rng(0)
    np.savez(web / "mnist.npz", x_train=rng.integers(0, 255, (6, 28, 28), dtype=np.uint8), y_train=np.arange(6) % 10,
             x_test=rng.integers(0, 255, (2, 28, 28), dtype=np.uint8), y_test=np.array([1, 2]))
    seqs = np.empty(2, dtype=object)
    seqs[0], seqs[1] = [1, 5, 9000], [3]
    np.savez(web / "imdb.npz", x_train=seqs, y_train=np.array([0, 1]), x_test=seqs, y_test=np.array([1, 0]))
    fashion = {}
    for prefix, n in (("train", 5), ("t10k", 3)):
        imgs = rng.integers(0, 255, (n, 28, 28), dtype=np.uint8)
        labels = np.arange(n, dtype=np.uint8)
        for kind, header, payload in (("images-idx3", 16, imgs), ("labels-idx1", 8, labels)):
            name = f"{prefix}-{kind}-ubyte.gz"
            with gzip.open(web / name, "wb") as fh:
                fh.write(b"\0" * header + payload.tobytes())
            fashion[name] = "md5:" + hashlib.md5((web / name).read_bytes()).hexdigest()
    reg = json.loads(json.dumps(data.registry()))
    with _Server(web) as server:
        reg["mnist"].update(url=server.url + "mnist.npz", files={"mnist.npz": "sha256:" + _sha256(web / "mnist.npz")})
        reg["imdb"].update(url=server.url + "imdb.npz", files={"imdb.npz": _sha256(web / "imdb.npz")})
        reg["fashion_mnist"].update(url=server.url, files=fashion)
        # fetch looks the registry up in course_lib.data.catalog; data.registry is the same function re-exported.
        monkeypatch.setattr(catalog, "registry", lambda: reg)
        monkeypatch.setattr(data, "registry", lambda: reg)
        monkeypatch.setenv("COURSE_DATA", str(tmp_path / "cache"))
        yield server, web, tmp_path / "cache"


def test_fetch_downloads_verifies_and_caches(served):
    server, web, cache = served
    path = data.fetch("mnist")
    assert path == cache / "mnist" / "mnist.npz" and path.read_bytes() == (web / "mnist.npz").read_bytes()
    data.fetch("mnist")
    assert server.requests == ["/mnist.npz"]  # second call served from the cache
    assert not list(path.parent.glob("*.part"))


def test_loaders_read_downloaded_files(served):
    (xtr, ytr), (xte, yte) = data.load_mnist()
    assert xtr.shape == (6, 28, 28) and yte.tolist() == [1, 2]
    (ftr, fytr), (fte, fyte) = data.load_fashion_mnist()
    assert ftr.shape == (5, 28, 28) and fte.shape == (3, 28, 28) and fytr.tolist() == [0, 1, 2, 3, 4]
    (itr, iytr), _ = data.load_imdb(num_words=100)
    assert list(itr[0]) == [1, 4, 8, 2] and list(itr[1]) == [1, 6]  # start, shifted indices, out-of-vocabulary


def test_corrupt_cache_is_downloaded_again(served):
    server, web, cache = served
    path = data.fetch("mnist")
    path.write_bytes(b"truncated")
    assert data.fetch("mnist").read_bytes() == (web / "mnist.npz").read_bytes()
    assert len(server.requests) == 2


def test_checksum_mismatch_is_an_error_and_leaves_nothing(served, monkeypatch):
    server, web, cache = served
    reg = data.registry()
    reg["mnist"]["files"]["mnist.npz"] = "sha256:" + "0" * 64
    with pytest.raises(data.DatasetError, match="Checksum mismatch"):
        data.fetch("mnist")
    assert not (cache / "mnist" / "mnist.npz").exists()


def test_offline_is_a_clear_error(served):
    server, web, cache = served
    with pytest.raises(data.DatasetError, match="offline"):
        data.fetch("mnist", base_url="http://127.0.0.1:9/mnist.npz", timeout=2)
    assert not list((cache / "mnist").glob("*")) if (cache / "mnist").exists() else True


def test_fetch_rejects_unknown_file(served):
    with pytest.raises(data.DatasetError, match="has no file"):
        data.fetch("fashion_mnist", "nope.gz")
    with pytest.raises(data.DatasetError, match="several files"):
        data.fetch("fashion_mnist")


def test_cli_fetch_uses_mirror(served, capsys):
    from course_lib.cli import main

    server, web, cache = served
    assert main(["data", "fetch", "mnist"]) == 0
    assert "checksum verified" in capsys.readouterr().out
    assert main(["data", "list"]) == 0


# ----------------------------------------------------------------- tf.data pipeline


def test_make_dataset_batches_shuffles_and_augments():
    pytest.importorskip("tensorflow")
    x = np.arange(10, dtype="float32")[:, None]
    y = np.arange(10)
    plain = [b for b in data.make_dataset(x, y, batch_size=4)]
    assert [len(yb) for _, yb in plain] == [4, 4, 2]
    assert np.concatenate([yb.numpy() for _, yb in plain]).tolist() == list(range(10))
    shuffled = data.make_dataset(x, y, batch_size=10, shuffle=True, seed=1)
    first, second = (next(iter(shuffled))[1].numpy() for _ in range(2))
    assert sorted(first) == list(range(10)) and first.tolist() != list(range(10))
    assert first.tolist() != second.tolist()  # a new order every epoch
    calls = []

    def augment(xb, training=False):
        calls.append(training)
        return xb + 100.0

    xb, yb = next(iter(data.make_dataset(x, y, batch_size=10, augment=augment)))
    assert np.allclose(xb.numpy()[:, 0] - 100.0, yb.numpy()) and calls and all(calls)
