"""Verified downloads: each file is checked against the registry's checksum, cached once.

A file lands in the cache only whole (temporary file, then rename) and only
when its checksum matches; a cached file that no longer matches is fetched again.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from ..runtime import data_home
from .catalog import DatasetError, dataset_info

__all__ = ["file_checksum", "fetch"]


def file_checksum(path: str | os.PathLike, algorithm: str = "sha256") -> str:
    """Hex digest of a file, read in chunks so large files are fine."""
    digest = hashlib.new(algorithm)
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _split_checksum(checksum: str) -> tuple[str, str]:
    """``"algorithm:hex"`` as ``(algorithm, hex)``; a bare hex digest is sha256."""
    algorithm, _, value = checksum.partition(":")
    if not value:
        return "sha256", algorithm.lower()
    return algorithm.lower(), value.lower()


def _verify(path: Path, checksum: str) -> bool:
    algorithm, expected = _split_checksum(checksum)
    return file_checksum(path, algorithm) == expected


def _download(url: str, dest: Path, timeout: float) -> None:
    """Download ``url`` to ``dest`` atomically (temp file, then rename)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=dest.name + ".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as resp:
            shutil.copyfileobj(resp, out)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fetch(
    name: str,
    filename: str | None = None,
    *,
    base_url: str | None = None,
    cache_dir: str | os.PathLike | None = None,
    timeout: float = 60.0,
) -> Path:
    """Return the local path of one file of a registered dataset, downloading it once.

    The file is checked against the registry's checksum both after download and
    when found in the cache (a corrupt cached file is downloaded again).
    ``base_url`` replaces the registry's URL folder, e.g. for a mirror or a test server.
    """
    info = dataset_info(name)
    files = info.get("files")
    if info.get("kind") != "download" or not files:
        raise DatasetError(f"Dataset {name!r} is {info.get('kind')}, not downloaded; use {info.get('loader')}.")
    if filename is None:
        if len(files) != 1:
            raise DatasetError(f"Dataset {name!r} has several files; pass one of: {', '.join(files)}.")
        filename = next(iter(files))
    if filename not in files:
        raise DatasetError(f"Dataset {name!r} has no file {filename!r}; it has: {', '.join(files)}.")
    checksum = files[filename]
    dest = Path(cache_dir) if cache_dir is not None else data_home()
    dest = dest / name / filename

    url = info["url"]
    if base_url is not None:
        url = base_url
    if url.endswith("/"):
        url = url + filename
    return fetch_url(url, checksum, dest, timeout=timeout, label=f"{name}/{filename}")


def fetch_url(url: str, checksum: str, dest: str | os.PathLike, *, timeout: float = 60.0,
              label: str | None = None) -> Path:
    """Download ``url`` to ``dest`` once, verified against ``checksum`` (``"sha256:<hex>"``).

    The verified cache behind :func:`fetch`, for a file whose checksum comes from elsewhere than
    the registry (e.g. a loader taking ``checksum=``). A cached file is checked again; a corrupt
    one is downloaded again, and a download that fails the checksum is deleted.
    """
    dest = Path(dest)
    label = label or dest.name
    if dest.exists():
        if _verify(dest, checksum):
            return dest
        dest.unlink()  # corrupt or truncated: fetch again
    try:
        _download(url, dest, timeout)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise DatasetError(
            f"Could not download {label!r} from {url} ({exc}). You seem to be offline: "
            f"the offline datasets (load_digits, load_digits28, make_toy2d) work without a network, "
            f"or copy {dest.name} into {dest.parent} by hand."
        ) from exc
    if not _verify(dest, checksum):
        dest.unlink(missing_ok=True)
        raise DatasetError(
            f"Checksum mismatch for {label} from {url}: the file is corrupt or has changed upstream. "
            f"It was deleted; try again, and if it persists, report it."
        )
    return dest
