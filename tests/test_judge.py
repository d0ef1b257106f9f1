"""Differential grading: plain-data records, the check helpers' modes and the trusted judge."""
import base64
import io
import json

import numpy as np
import pytest

from course_lib import checks, records
from course_lib.checks import REFERENCE, check_close, check_equal, check_implemented, check_shape, check_true, check_type
from course_lib.grading.judge import judge_cell


def _roundtrip(value):
    return records.decode(json.loads(json.dumps(records.encode(value))))


def test_plain_data_round_trip_keeps_types_dtypes_and_order():
    value = {"b": np.arange(3, dtype=np.float32), "a": [1, 2.5, "x", None, True], "t": (np.int64(4),),
             "nan": float("nan"), "s": {1, 2}}
    back = _roundtrip(value)
    assert list(back) == ["b", "a", "t", "nan", "s"]
    assert back["b"].dtype == np.float32 and back["b"].tolist() == [0, 1, 2]
    assert back["a"] == [1, 2.5, "x", None, True] and isinstance(back["t"], tuple)
    assert isinstance(back["t"][0], np.int64) and np.isnan(back["nan"]) and back["s"] == {1, 2}
    assert isinstance(_roundtrip(len), records.Opaque)


def test_decode_refuses_pickles_deep_nesting_and_huge_arrays():
    buf = io.BytesIO()
    np.save(buf, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    pickled = {"$nd": base64.b64encode(buf.getvalue()).decode()}
    with pytest.raises(records.RecordError):
        records.decode(pickled)
    deep = "x"
    for _ in range(200):
        deep = {"$list": [deep]}
    with pytest.raises(records.RecordError):
        records.decode(deep)
    with pytest.raises(records.RecordError):
        records.loads("[" * 100_000 + "]" * 100_000)
    with pytest.raises(records.RecordError):
        records.decode({"$nd": "A" * (records.MAX_ARRAY_BYTES * 2)})
    with pytest.raises(records.RecordError):
        records.decode({"$code": "import os"})


def _cell(mode, body):
    with checks.recording(mode) as sink:
        error = None
        try:
            body()
        except Exception as exc:
            error = (type(exc).__name__, str(exc))
    return sink, error


def _judge(learner_body, reference_body):
    ref, err = _cell("reference", reference_body)
    assert err is None, err
    got, error = _cell("record", learner_body)
    return judge_cell(got, {"records": ref, "passed": "done"}, error)


def _test(f):
    """A test cell: a visible check with a literal, hidden checks against the reference."""
    def body():
        x = np.linspace(-3, 3, 7)
        out = check_implemented(f, x)
        check_shape(out, (7,), name="f(x)")
        check_close(f(np.array([0.0])), [0.0], name="f(0)")
        check_close(f(x * 10), name="f(10 x)")                    # hidden: our solution's value
        check_type(f(x), np.ndarray, name="f(x)")
    return body


def test_judge_passes_a_correct_answer_written_differently_and_fails_a_wrong_one():
    ours = lambda z: np.maximum(z, 0)                            # noqa: E731
    theirs = lambda z: np.where(z > 0, z, 0.0)                   # noqa: E731
    wrong = lambda z: np.abs(z)                                   # noqa: E731
    assert _judge(_test(theirs), _test(ours)).passed
    verdict = _judge(_test(wrong), _test(ours))
    assert not verdict.passed and "f(10 x) has wrong values" in verdict.message


def test_in_record_mode_nothing_is_compared_and_expected_values_are_not_sent():
    got, error = _cell("record", lambda: check_close(1.0, 2.0, name="x"))
    assert error is None                      # no verdict in the learner's process
    (rec,) = [json.loads(t) for t in got]
    assert rec == {"kind": "close", "value": 1.0}


def test_a_learner_who_patches_the_helpers_only_changes_what_is_sent():
    ours = lambda z: z * 2                                        # noqa: E731
    wrong = lambda z: z * 3                                       # noqa: E731

    def cheat_then_test():
        saved = checks.check_close
        checks.check_close = lambda *a, **k: None                # the learner's monkeypatch
        try:
            checks.check_close(wrong(1.0), 2.0, name="f(1)")
        finally:
            checks.check_close = saved

    verdict = _judge(cheat_then_test, lambda: check_close(ours(1.0), 2.0, name="f(1)"))
    assert not verdict.passed and "did not run" in verdict.message


def test_check_true_passing_in_the_learner_process_is_not_enough_and_failing_fails():
    verdict = _judge(lambda: check_true(False, "nope"), lambda: check_true(True, "nope"))
    assert not verdict.passed and "nope" in verdict.message


def test_a_check_that_never_came_back_fails_naming_the_check_and_the_error():
    def learner():
        check_close(1.0, 1.0, name="first")
        raise ValueError("operands could not be broadcast together")

    def reference():
        check_close(1.0, 1.0, name="first")
        check_close(2.0, 2.0, name="softmax(random batch of shape (5, 4))")

    verdict = _judge(learner, reference)
    assert not verdict.passed
    assert "softmax(random batch of shape (5, 4))" in verdict.message and "ValueError" in verdict.message


def test_checks_out_of_order_fail():
    verdict = _judge(lambda: check_equal([1], name="a"), lambda: check_close(1.0, name="a"))
    assert not verdict.passed and "different path" in verdict.message


def test_reference_sentinel_takes_our_value_for_shape_and_equal():
    assert _judge(lambda: (check_shape(np.zeros((2, 3)), REFERENCE), check_equal({"b": 1, "a": 2})),
                  lambda: (check_shape(np.ones((2, 3)), REFERENCE), check_equal({"a": 2, "b": 1}))).passed
    verdict = _judge(lambda: check_shape(np.zeros((3, 2)), REFERENCE), lambda: check_shape(np.ones((2, 3)), REFERENCE))
    assert not verdict.passed and "wrong shape" in verdict.message


def test_unwritten_function_says_so():
    def unwritten(x):
        raise NotImplementedError()

    verdict = _judge(lambda: check_implemented(unwritten, 1), lambda: check_implemented(lambda x: x, 1))
    assert not verdict.passed and "not written yet" in verdict.message


def test_check_true_shows_the_learners_own_message():
    verdict = _judge(lambda: check_true(False, f"returned {3} losses, expected 4"),
                     lambda: check_true(True, f"returned {4} losses, expected 4"))
    assert not verdict.passed and "returned 3 losses" in verdict.message


def test_check_type_reference_means_the_same_class():
    assert _judge(lambda: check_type([1]), lambda: check_type([2])).passed
    verdict = _judge(lambda: check_type((1,)), lambda: check_type([2]))
    assert not verdict.passed and "wrong type" in verdict.message


def test_lend_gives_back_after_the_cell_even_without_a_block():
    ns = {"f": "learner's"}
    exec("from course_lib.checks import lend\nlend(f='ours')\ninside = f\n", ns)
    assert ns["inside"] == "ours" and ns["f"] == "ours"
    checks.give_back_all()            # what IPython's post_run_cell does after every cell
    assert ns["f"] == "learner's"


def test_lend_is_a_context_manager_that_always_gives_back():
    ns = {"f": "learner's"}
    exec("from course_lib.checks import lend\n"
         "try:\n"
         "    with lend(f='ours'):\n"
         "        inside = f\n"
         "        raise RuntimeError\n"
         "except RuntimeError:\n"
         "    pass\n", ns)
    assert ns["inside"] == "ours" and ns["f"] == "learner's"


def test_trained_model_is_rebuilt_and_evaluated_outside():
    keras = pytest.importorskip("keras")
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 2)).astype("float32")
    y = (x[:, 0] > 0).astype(int)

    def model(train: bool):
        keras.utils.set_random_seed(1)
        m = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(2, activation="softmax")])
        if train:
            m.compile(optimizer=keras.optimizers.Adam(0.1), loss="sparse_categorical_crossentropy")
            m.fit(x, y, epochs=30, verbose=0)
        return m

    trained, untrained = model(True), model(False)
    ok = _judge(lambda: checks.check_accuracy(trained, x * 0, y * 0, at_least=0.9),
                lambda: checks.check_accuracy(trained, x, y, at_least=0.9))
    assert ok.passed, ok.message   # the learner's own (zeroed) data is ignored: ours decides
    bad = _judge(lambda: checks.check_accuracy(untrained, x, y, at_least=0.9),
                 lambda: checks.check_accuracy(trained, x, y, at_least=0.9))
    assert not bad.passed and "too low" in bad.message


def test_models_with_code_are_not_rebuilt():
    keras = pytest.importorskip("keras")
    m = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Lambda(lambda t: t * 2)])
    payload = _roundtrip(m)
    with pytest.raises(checks.CheckFailed, match="Lambda|outside Keras|could not be rebuilt"):
        checks.rebuild(payload)
    payload.config["module"] = "os"
    with pytest.raises(checks.CheckFailed, match="outside Keras"):
        checks.rebuild(payload)


def test_check_model_compares_architecture_with_ours():
    keras = pytest.importorskip("keras")

    def cnn(filters, padding):
        return keras.Sequential([keras.Input(shape=(8, 8, 1)), keras.layers.Conv2D(filters, 3, padding=padding),
                                 keras.layers.Flatten(), keras.layers.Dense(3, activation="softmax")])

    assert _judge(lambda: checks.check_model(cnn(4, "same"), name="cnn"),
                  lambda: checks.check_model(cnn(4, "same"), name="cnn")).passed
    verdict = _judge(lambda: checks.check_model(cnn(4, "valid"), name="cnn"),
                     lambda: checks.check_model(cnn(4, "same"), name="cnn"))
    assert not verdict.passed and "padding" in verdict.message


# -- records leave a kernel in batches ------------------------------------------------
def _cell_with(*outputs):
    import nbformat

    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data=d) for d in outputs]
    return cell


def test_take_records_reads_single_records_and_batches_in_order():
    from course_lib.grading.judge import take_records

    one = records.dumps({"kind": "true", "value": True})
    two = records.dumps({"kind": "true", "value": False})
    cell = _cell_with({records.MIME: one}, {records.BATCH_MIME: records.dumps_batch([two, one])},
                      {"text/plain": "kept"})
    assert take_records(cell) == [one, two, one]
    assert [o["data"] for o in cell.outputs] == [{"text/plain": "kept"}]


@pytest.mark.parametrize("junk", ["not json", '{"a": 1}', "[1, 2]", '["ok", 3]'])
def test_an_unreadable_batch_gives_no_records_and_the_checks_fail(junk):
    from course_lib.grading.judge import take_records

    ref = {"records": [records.dumps({"kind": "true", "value": True, "ref": {"message": "m"}})], "passed": ""}
    cell = _cell_with({records.BATCH_MIME: junk})
    texts = take_records(cell)
    assert texts == [] and not judge_cell(texts, ref, None).passed


def test_a_test_with_thousands_of_checks_sends_a_few_messages_and_loses_none(tmp_path):
    """2,000 draws of a sampler, each a check (04_rnn's sample_with_temperature test): sent one
    message per check, such a burst overflowed the kernel's output socket on a busy machine
    (records dropped, or the cell's last message lost and the grader waiting forever)."""
    import nbformat

    from course_lib.grading.reference import _execute

    n = 3 * checks.RECORDS_PER_MESSAGE + 7
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    test = nbformat.v4.new_code_cell(
        "from course_lib.checks import check_true\n"
        f"for i in range({n}):\n    check_true(i >= 0, message=f'draw {{i}}')\n"
        "assert False, 'records sent before an error still arrive'")
    test.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                 "grade_id": "many", "schema_version": 3}
    nb.cells = [test, nbformat.v4.new_code_cell("check_true(True, message='next cell')")]
    executed = _execute(nb, tmp_path, timeout=120)
    outs = executed.cells[0].outputs
    batches = [o for o in outs if o.get("output_type") == "display_data"]
    assert len(batches) == 4, [o.get("output_type") for o in outs]
    from course_lib.grading.judge import take_records

    texts = take_records(executed.cells[0])
    assert len(texts) == n
    assert [records.loads(t)["ref"]["message"] for t in texts] == [f"draw {i}" for i in range(n)]
    assert len(take_records(executed.cells[1])) == 1   # the next cell's record is its own


def test_a_lost_end_of_cell_message_stops_the_reference_run_instead_of_hanging_it(tmp_path, monkeypatch):
    """The kernel never says a cell is done (its "idle" message lost, as a socket that overflowed
    lost it): the reference run must fail with a clear error after IOPUB_WAIT seconds. With the
    blocking kernel client it waited for ever."""
    import threading

    import nbformat

    from course_lib.grading import reference

    monkeypatch.setattr(reference, "IOPUB_WAIT", 2)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "get_ipython().kernel._publish_status = lambda *args, **kwargs: None  # no more busy/idle")]
    outcome = {}

    def run():
        try:
            reference._execute(nb, tmp_path, timeout=120)
            outcome["result"] = "finished"
        except Exception as exc:
            outcome["result"] = f"{type(exc).__name__}: {exc}"

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(90)
    assert not worker.is_alive(), "the reference run still waits for the lost message after 90 s"
    assert "Timeout waiting for IOPub output" in outcome["result"], outcome


def test_the_reference_refuses_a_test_with_more_checks_than_the_grader_reads(monkeypatch):
    """Checks past the per-cell cap are never judged: a test of ours that reaches it is a course bug
    (04_rnn's sampler test made ~32,000 under a cap of 5,000, and its hidden tests went unjudged)."""
    import nbformat

    from course_lib.grading import judge

    monkeypatch.setattr(judge, "MAX_RECORDS_PER_CELL", 10)
    rec = records.dumps({"kind": "true", "value": True, "ref": {"message": "m"}})
    for n, refused in [(9, False), (10, True)]:
        nb = nbformat.v4.new_notebook()
        cell = _cell_with({records.BATCH_MIME: records.dumps_batch([rec] * n)})
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                     "grade_id": "many", "schema_version": 3}
        nb.cells = [cell]
        if refused:
            with pytest.raises(RuntimeError, match="many makes 10 checks or more"):
                judge.reference_from(nb)
        else:
            assert len(judge.reference_from(nb)["many"]["records"]) == 9
