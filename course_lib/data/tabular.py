"""Seeded tabular data with a sensitive attribute: loan applicants with a historical bias built in.

Used in ``solutions/07_challenges/05_fairness.ipynb`` (fairness metrics, per-group thresholds, a
model card). Everything is generated: no real person is described, and the data set is ours
(the course's licence).

:func:`make_loan_applicants` draws ``n`` applicants of two groups, ``"A"`` (about 65 %) and
``"B"``. Each has six features a lender could see (income, debt ratio, years employed, late
payments, savings and a neighbourhood score) and a label, whether the loan was repaid. Three
biases are built in on purpose, each a mechanism known from real lending data:

* **structural**: group B's incomes and savings are lower on average (about 15 % and 25 %);
  this changes the true repayment rate of B, not only the recorded one;
* **a proxy**: the neighbourhood score is strongly correlated with the group (a correlation of
  about 0.85 at ``proxy_strength=1``) but says nothing about repayment itself. A model that never
  sees the group can still tell it apart through this feature;
* **biased labels**: the recorded label is the outcome of *past* decisions. A fraction
  ``label_bias`` of group B's creditworthy applicants were refused in the past and recorded as
  bad risks (label 0). ``y_unbiased`` keeps the label the same applicants would have had without
  that, for discussion only: a real data set never has it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FEATURES = ("income_k", "debt_ratio", "years_employed", "late_payments", "savings_k", "neighbourhood_score")


@dataclass(frozen=True)
class LoanApplicants:
    """The arrays of :func:`make_loan_applicants`.

    ``x``: float32 ``(n, 6)``, the columns of ``feature_names`` (the group is NOT among them);
    ``y``: int64 ``(n,)``, the recorded (historical) label, 1 = repaid;
    ``y_unbiased``: int64 ``(n,)``, the label without the label bias (unobservable in practice);
    ``group``: ``(n,)`` array of the strings ``"A"`` and ``"B"``, the sensitive attribute;
    ``feature_names``: the six column names.
    """

    x: np.ndarray
    y: np.ndarray
    y_unbiased: np.ndarray
    group: np.ndarray
    feature_names: tuple


def make_loan_applicants(n: int, seed: int = 0, share_b: float = 0.35, label_bias: float = 0.3,
                         proxy_strength: float = 1.0) -> LoanApplicants:
    """``n`` seeded loan applicants of groups ``"A"`` and ``"B"`` (see the module docstring).

    ``share_b``: the expected fraction of group B; ``label_bias``: the fraction of group B's
    creditworthy applicants recorded as 0 (0 switches that bias off); ``proxy_strength``: how
    strongly the neighbourhood score follows the group (0: not at all).
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    if not (0.0 <= label_bias <= 1.0 and 0.0 < share_b < 1.0):
        raise ValueError("label_bias must be in [0, 1] and share_b in (0, 1)")
    rng = np.random.default_rng(seed)
    is_b = rng.random(n) < share_b
    income = np.exp(rng.normal(np.log(42.0) + np.where(is_b, np.log(0.85), 0.0), 0.35, n))     # thousands a year
    debt_ratio = rng.beta(2.0, 5.0, n)                                                          # debt / income
    years = rng.gamma(2.0, 3.0, n)
    late = rng.poisson(np.where(debt_ratio > 0.4, 1.2, 0.5))
    savings = np.exp(rng.normal(np.log(8.0) + np.where(is_b, np.log(0.75), 0.0), 0.8, n))
    neighbourhood = proxy_strength * 1.6 * is_b + rng.normal(0.0, 0.5, n)

    ability = (1.6 * np.log(income / 42.0) - 3.0 * (debt_ratio - 0.29) + 0.08 * (years - 6.0)
               - 0.6 * (late - 0.7) + 0.35 * np.log(savings / 8.0))
    y_unbiased = (ability + rng.normal(0.0, 0.6, n) > -0.45).astype("int64")
    refused = is_b & (y_unbiased == 1) & (rng.random(n) < label_bias)
    y = np.where(refused, 0, y_unbiased).astype("int64")

    x = np.stack([income, debt_ratio, years, late.astype(float), savings, neighbourhood], axis=1).astype("float32")
    group = np.where(is_b, "B", "A")
    return LoanApplicants(x=x, y=y, y_unbiased=y_unbiased, group=group, feature_names=FEATURES)
