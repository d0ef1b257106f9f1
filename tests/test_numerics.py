import numpy as np
import pytest

from course_lib.numerics import numerical_gradient, relative_error


def test_numerical_gradient_of_quadratic():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    x = np.array([0.5, -1.0])
    grad = numerical_gradient(lambda: 0.5 * x @ A @ x, x)
    np.testing.assert_allclose(grad, A @ x, rtol=1e-6)
    np.testing.assert_allclose(x, [0.5, -1.0])  # restored


def test_numerical_gradient_matrix_and_int_rejected():
    W = np.ones((2, 3))
    g = numerical_gradient(lambda: np.sum(W**2), W)
    np.testing.assert_allclose(g, 2 * W, rtol=1e-6)
    with pytest.raises(TypeError):
        numerical_gradient(lambda: 0.0, np.ones(3, dtype=int))


def test_relative_error():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([1.0], [1.1]) == pytest.approx(0.1 / 2.1)
    assert relative_error([0.0], [0.0]) == 0.0
