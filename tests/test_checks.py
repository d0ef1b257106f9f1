"""The check helpers pass correct values quietly and fail with helpful messages."""
import numpy as np
import pytest

from course_lib.checks import (
    CheckFailed,
    check_cases,
    check_close,
    check_dtype,
    check_implemented,
    check_layers,
    check_shape,
    check_true,
    check_type,
    passed,
)


def test_check_close_accepts_within_tolerance():
    check_close([1.0, 2.0], np.array([1.0, 2.0 + 1e-9]))
    check_close(0.5, [0.5])  # scalar vs one-element array


def test_check_close_reports_expected_got_and_position():
    with pytest.raises(CheckFailed) as err:
        check_close([1.0, 2.0, 3.0], [1.0, 2.5, 3.0], name="f(x)", hint="look at the middle")
    msg = str(err.value)
    assert "f(x) has wrong values" in msg and "index (1,)" in msg
    assert "expected" in msg and "got" in msg and "look at the middle" in msg


def test_check_close_flags_nan_as_overflow():
    with pytest.raises(CheckFailed, match="NaN or inf"):
        check_close([np.nan, 1.0], [0.5, 1.0])


def test_check_close_shape_mismatch_mentions_shapes():
    with pytest.raises(CheckFailed, match="wrong shape"):
        check_close(np.zeros((2, 3)), np.zeros((3, 2)))


def test_check_close_non_numeric():
    with pytest.raises(CheckFailed, match="not a number"):
        check_close("abc", 1.0)


def test_check_shape_hints_transpose_and_ndim():
    with pytest.raises(CheckFailed, match="transpose"):
        check_shape(np.zeros((3, 2)), (2, 3))
    with pytest.raises(CheckFailed, match="dimension"):
        check_shape(np.zeros(3), (3, 1))
    check_shape(np.zeros((5, 3)), (None, 3))


def test_check_dtype_families_and_exact():
    check_dtype(np.zeros(2, dtype=np.float32), "float")
    check_dtype(np.zeros(2, dtype=np.float32), "float32")
    with pytest.raises(CheckFailed, match="dtype"):
        check_dtype(np.zeros(2, dtype=np.float64), "float32")
    with pytest.raises(CheckFailed):
        check_dtype(np.zeros(2, dtype=int), "float")


def test_check_type_and_true():
    check_type(3, int)
    with pytest.raises(CheckFailed, match="wrong type"):
        check_type("3", (int, float))
    with pytest.raises(CheckFailed, match="custom message"):
        check_true(False, "custom message")


def test_not_implemented_gets_friendly_message():
    def stub(x):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="not written yet"):
        check_implemented(stub, 1)
    with pytest.raises(CheckFailed, match="not written yet"):
        check_cases(stub, [((1,), 1)])


def test_not_implemented_in_an_earlier_exercise_is_named():
    # As in a notebook: both functions live in __main__, conv2d calls the unwritten helper.
    ns = {"__name__": "__main__"}
    exec("def output_size(n, k):\n    raise NotImplementedError()\n"
         "def conv2d(x):\n    return output_size(len(x), 1)\n"
         "def own(x):\n    raise NotImplementedError()\n", ns)
    with pytest.raises(CheckFailed, match=r"conv2d\(\) calls output_size\(\), which is not written yet") as err:
        check_implemented(ns["conv2d"], [1, 2])
    assert "write output_size first" in str(err.value)
    with pytest.raises(CheckFailed, match=r"^own\(\) is not written yet"):
        check_implemented(ns["own"], 1)

    def from_a_library(x):  # not a notebook function: the plain message
        raise NotImplementedError()

    ns["lib"] = from_a_library
    exec("def uses_lib(x):\n    return lib(x)\n", ns)
    with pytest.raises(CheckFailed, match=r"^uses_lib\(\) is not written yet"):
        check_implemented(ns["uses_lib"], 1)


def test_check_cases_reports_first_failing_row_with_inputs():
    def square(x):
        return x * x if x < 3 else x

    check_cases(square, [((1,), 1), ((2,), 4)])
    with pytest.raises(CheckFailed) as err:
        check_cases(square, [((2,), 4), ((3,), 9, "nine!")])
    assert "square(3)" in str(err.value) and "nine!" in str(err.value)


def test_check_cases_does_not_leak_mutation_between_rows():
    arr = np.array([1.0, 2.0])

    def mutate(a):
        a *= 2
        return a

    check_cases(mutate, [((arr,), [2.0, 4.0]), ((arr,), [2.0, 4.0])])
    assert arr.tolist() == [1.0, 2.0]


def test_check_layers():
    import keras

    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu"), keras.layers.Dense(2, activation="softmax")])
    check_layers(model, [("Dense", 3, "relu"), ("Dense", 2, "softmax")])
    with pytest.raises(CheckFailed, match="wrong activation"):
        check_layers(model, [("Dense", 3, "relu"), ("Dense", 2, "sigmoid")])
    with pytest.raises(CheckFailed, match="number of units"):
        check_layers(model, [("Dense", 4, None), ("Dense", 2, None)])
    with pytest.raises(CheckFailed, match="layer"):
        check_layers(model, [("Dense",)])
    with pytest.raises(CheckFailed, match="not a Keras model"):
        check_layers("model", [("Dense",)])


def test_check_layers_and_model_ignore_the_padding_mask_op():
    """A functional model with Embedding(mask_zero=True) serialises the mask's not_equal as a graph
    node; it is not one of model.layers, and a Sequential twin must compare equal."""
    import keras

    from course_lib.checks import check_model

    ids = keras.Input(shape=(None,), dtype="int32")
    x = keras.layers.Embedding(20, 4, mask_zero=True)(ids)
    x = keras.layers.Bidirectional(keras.layers.LSTM(3))(x)
    functional = keras.Model(ids, keras.layers.Dense(1, activation="sigmoid")(x))
    sequential = keras.Sequential([keras.Input(shape=(None,), dtype="int32"),
                                   keras.layers.Embedding(20, 4, mask_zero=True),
                                   keras.layers.Bidirectional(keras.layers.LSTM(3)),
                                   keras.layers.Dense(1, activation="sigmoid")])
    assert "NotEqual" in [layer["class_name"] for layer in functional.get_config()["layers"]]
    check_layers(functional, [("Embedding",), ("Bidirectional",), ("Dense", 1, "sigmoid")])
    check_model(functional, sequential)
    check_model(sequential, functional)


def test_passed_prints(capsys):
    passed("thing")
    assert "thing passed" in capsys.readouterr().out


def test_lend_replaces_notebook_functions_and_gives_them_back():
    ns = {"__name__": "__main__"}
    exec("from course_lib.checks import lend\n"
         "def conv2d(x):\n    return 'learner'\n"
         "give_back = lend(conv2d=lambda x: 'reference', output_size=lambda n: n)\n"
         "during = (conv2d(1), output_size(3))\n"
         "give_back()\n", ns)
    assert ns["during"] == ("reference", 3)
    assert ns["conv2d"](1) == "learner"           # the learner's own function is back
    assert "output_size" not in ns                # a name the learner never defined is removed again
