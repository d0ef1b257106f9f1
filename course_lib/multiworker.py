"""One worker of a ``tf.distribute.MultiWorkerMirroredStrategy`` run on this machine.

Used by 07_challenges/04_scaling_and_shrinking, which starts two of these processes on
localhost, each with its own ``TF_CONFIG`` (the cluster's addresses and this worker's
index), and checks that both end with the same weights::

    TF_CONFIG='{"cluster": {"worker": ["localhost:12345", "localhost:12346"]},
                "task": {"type": "worker", "index": 0}}' \\
        python -m course_lib.multiworker --out worker0.json --epochs 2

(:func:`launch_local_workers` does exactly that for the notebook, with a time limit.)

Each worker trains the same small dense network on the 8x8 digits. The strategy keeps
one copy of the variables per worker and, at every step, sums the gradients of all
workers with an all-reduce before applying them, so the copies never drift apart.
After training each worker writes a JSON report: its index, the number of replicas in
sync, the loss per epoch, and a checksum of its weights (the sum of all weights, and a
SHA-256 of their bytes, which is equal only if every weight is bit for bit equal).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys


def weights_checksum(weights) -> tuple[float, str]:
    """(sum of every weight as float64, SHA-256 of the float32 bytes) of a list of arrays."""
    import numpy as np

    digest = hashlib.sha256()
    total = 0.0
    for w in weights:
        arr = np.ascontiguousarray(np.asarray(w, dtype=np.float32))
        digest.update(arr.tobytes())
        total += float(arr.astype(np.float64).sum())
    return total, digest.hexdigest()


def train_worker(epochs: int = 2, n: int | None = None, global_batch: int = 64, seed: int = 7) -> dict:
    """Train under ``MultiWorkerMirroredStrategy`` (reads ``TF_CONFIG``); return the report."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    import numpy as np
    import tensorflow as tf

    # The strategy must be created before any other TensorFlow operation.
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    import keras

    from course_lib.data import load_digits

    images, labels = load_digits(n=n, seed=seed)
    x = images.reshape(len(images), 64)
    ds = tf.data.Dataset.from_tensor_slices((x, labels)).batch(global_batch)
    options = tf.data.Options()
    # Each worker reads the same arrays and keeps every other batch ("DATA" sharding).
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    ds = ds.with_options(options)

    keras.utils.set_random_seed(seed)          # same initial weights on every worker
    with strategy.scope():
        model = keras.Sequential([
            keras.Input((64,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10),
        ])
        optimizer = keras.optimizers.SGD(0.1)
        optimizer.build(model.trainable_variables)
    per_example = keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction="none")

    # Keras 3's ``fit`` does not run under this strategy (its first symbolic build tries to
    # reduce the integer labels across workers), so the loop is written out, as in the
    # TensorFlow guide: each replica computes its gradients, the optimizer sums them over
    # all replicas (an all-reduce) and applies the same update everywhere.
    def replica_step(xb, yb):
        with tf.GradientTape() as tape:
            logits = model(xb, training=True)
            loss = tf.nn.compute_average_loss(per_example(yb, logits), global_batch_size=global_batch)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        correct = tf.reduce_sum(tf.cast(tf.equal(tf.argmax(logits, axis=1), tf.cast(yb, tf.int64)), tf.float32))
        return loss, correct

    @tf.function
    def train_step(xb, yb):
        loss, correct = strategy.run(replica_step, args=(xb, yb))
        return strategy.reduce("SUM", loss, axis=None), strategy.reduce("SUM", correct, axis=None)

    history = {"loss": [], "accuracy": []}
    for _ in range(epochs):
        total_loss, total_correct, steps = 0.0, 0.0, 0
        for xb, yb in strategy.experimental_distribute_dataset(ds):
            loss, correct = train_step(xb, yb)
            total_loss, total_correct, steps = total_loss + float(loss), total_correct + float(correct), steps + 1
        history["loss"].append(total_loss / steps)
        history["accuracy"].append(total_correct / len(labels))
    total, sha = weights_checksum(model.get_weights())
    task = json.loads(os.environ.get("TF_CONFIG", "{}")).get("task", {})
    return {
        "index": int(task.get("index", 0)),
        "replicas": int(strategy.num_replicas_in_sync),
        "loss": history["loss"],
        "accuracy": history["accuracy"],
        "weight_sum": total,
        "sha256": sha,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="where to write this worker's JSON report")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--n", type=int, default=None, help="number of digits (default: all 1797)")
    args = parser.parse_args(argv)
    report = train_worker(epochs=args.epochs, n=args.n)
    with open(args.out, "w") as fh:
        json.dump(report, fh)
    return 0




def free_ports(n: int) -> list[int]:
    """``n`` TCP ports of localhost that are free right now."""
    import socket

    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("localhost", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def launch_local_workers(n_workers: int = 2, epochs: int = 2, n: int | None = None, timeout: float = 240,
                         verbose: bool = True) -> list[dict]:
    """Start ``n_workers`` processes of this script on free ports of localhost; return their reports.

    Each process gets its own ``TF_CONFIG`` (printed when ``verbose``): the same cluster, its own
    index. Every worker is waited for at most ``timeout`` seconds, and killed if still running
    when anything fails, so no process is left behind. A worker that fails raises RuntimeError
    with the end of its log.
    """
    import subprocess
    import tempfile

    cluster = {"worker": [f"localhost:{port}" for port in free_ports(n_workers)]}
    procs, reports = [], []
    with tempfile.TemporaryDirectory(prefix="multiworker_") as workdir:
        try:
            for index in range(n_workers):
                tf_config = {"cluster": cluster, "task": {"type": "worker", "index": index}}
                if verbose:
                    print(f"worker {index}: TF_CONFIG={json.dumps(tf_config)}")
                cmd = [sys.executable, "-m", "course_lib.multiworker", "--epochs", str(epochs),
                       "--out", os.path.join(workdir, f"worker{index}.json")]
                if n is not None:
                    cmd += ["--n", str(n)]
                procs.append(subprocess.Popen(cmd, env={**os.environ, "TF_CONFIG": json.dumps(tf_config)},
                                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
            for index, proc in enumerate(procs):
                log, _ = proc.communicate(timeout=timeout)
                if proc.returncode != 0:
                    raise RuntimeError(f"worker {index} failed (exit status {proc.returncode}):\n{log[-2000:]}")
                with open(os.path.join(workdir, f"worker{index}.json")) as fh:
                    reports.append(json.load(fh))
        finally:
            for proc in procs:              # never leave a worker behind, even after an error
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
    return reports


if __name__ == "__main__":
    sys.exit(main())
