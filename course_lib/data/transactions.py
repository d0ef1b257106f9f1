"""Seeded card transactions with rare, drifting fraud, and a return series with volatility clustering.

Used in ``solutions/08_applications/01_costly_decisions.ipynb`` (fraud detection on imbalanced
data: precision-recall, class weights against resampling, a cost-minimising threshold, a time-based
split; and a volatility forecast). Everything is generated: no real card, customer or market is
described, and the data is ours (the course's licence). Import from this module:
``from course_lib.data.transactions import make_transactions, make_returns``.

:func:`make_transactions` draws ``n`` transactions of about ``n // 40`` customers over ``days``
days, sorted by time. A fraction ``fraud_rate`` (default 1 %) is fraud. A legitimate transaction
follows its customer's habits (typical amount, usual hour, share of online purchases); a fraud
follows a *fraud pattern*, feature by feature with probability ``stealth`` it looks like a normal
transaction instead, so no single feature gives it away. The pattern **drifts** over time (the
amount of drift is ``drift``, 0 switches it off): early frauds are large purchases of electronics
and travel, online and far from home; later ones are more often smaller purchases of digital goods
(gift cards and the like) at night, and more often made with cloned cards in shops closer to home,
so they look more like normal payments: a model trained on the early months meets a different and
harder fraud later (on 100,000 rows a logistic regression trained on the first 60 % of the days
reaches an average precision of about 0.64 on the last 25 %, about 0.80 with ``drift=0``). Features (the columns of ``x``, ``FEATURES`` then the one-hot categories):

* ``log_amount``: the natural log of the amount (currency units);
* ``amount_ratio``: the amount divided by the customer's typical amount (customer behaviour);
* ``hour_sin``, ``hour_cos``: the hour of day on a circle;
* ``card_present``: 1 for a chip or contactless payment, 0 online or by phone;
* ``log_distance_km``: log(1 + distance from the customer's home);
* ``new_merchant``: 1 if the customer never paid this merchant before;
* ``tx_last_24h``: the customer's number of transactions in the preceding 24 hours (velocity);
* ``account_age_years``;
* ``cat_<name>`` for each of the eight ``CATEGORIES`` (one-hot).

:func:`make_returns` draws daily returns (in per cent) from a GARCH(1, 1) process: the variance
of tomorrow's return is ``omega + alpha * r_t**2 + beta * sigma_t**2``, so calm and turbulent
periods cluster. It returns the returns and the true conditional volatility, which a real series
never reveals (kept to judge forecasts).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CATEGORIES = ("grocery", "fuel", "restaurant", "travel", "electronics", "online_retail", "digital_goods", "cash")
FEATURES = ("log_amount", "amount_ratio", "hour_sin", "hour_cos", "card_present", "log_distance_km",
            "new_merchant", "tx_last_24h", "account_age_years")
_ONLINE = np.array([0, 0, 0, 0.5, 0.3, 1, 1, 0])          # share of card-not-present payments per category
_SCALE = np.array([1.0, 1.2, 0.8, 6.0, 5.0, 1.5, 0.7, 2.0])   # typical amount of a category, relative
_LEGIT_P = np.array([0.34, 0.12, 0.18, 0.03, 0.04, 0.17, 0.04, 0.08])
_FRAUD_EARLY = np.array([0.03, 0.02, 0.03, 0.22, 0.32, 0.22, 0.08, 0.08])
_FRAUD_LATE = np.array([0.03, 0.02, 0.03, 0.08, 0.14, 0.26, 0.38, 0.06])


@dataclass(frozen=True)
class Transactions:
    """The arrays of :func:`make_transactions` (one row per transaction, sorted by ``t``).

    ``x``: float32 ``(n, 17)``, the columns of ``feature_names``; ``y``: int64 ``(n,)``, 1 = fraud;
    ``t``: float64 ``(n,)``, the time in days since the start; ``amount``: float64 ``(n,)``;
    ``category``: int64 ``(n,)``, an index into ``category_names``; ``customer``: int64 ``(n,)``;
    ``feature_names`` and ``category_names``: tuples of strings.
    """

    x: np.ndarray
    y: np.ndarray
    t: np.ndarray
    amount: np.ndarray
    category: np.ndarray
    customer: np.ndarray
    feature_names: tuple
    category_names: tuple


def make_transactions(n: int = 50_000, seed: int = 0, fraud_rate: float = 0.01, days: float = 180.0,
                      drift: float = 1.0, stealth: float = 0.35) -> Transactions:
    """``n`` seeded card transactions with a fraction ``fraud_rate`` of drifting fraud (module docstring).

    ``drift``: how far the fraud pattern moves from the first to the last day (0: not at all, 1: the
    default change of categories, amounts and hours); ``stealth``: the probability that a feature of a
    fraud is drawn as for a normal transaction (0: fraud is easy to spot, 1: indistinguishable).
    """
    if n < 10:
        raise ValueError("n must be at least 10")
    if not (0.0 < fraud_rate < 0.5 and days > 0 and 0.0 <= stealth <= 1.0 and drift >= 0.0):
        raise ValueError("need 0 < fraud_rate < 0.5, days > 0, 0 <= stealth <= 1 and drift >= 0")
    rng = np.random.default_rng(seed)
    n_cust = max(20, n // 40)
    cust_amount = np.exp(rng.normal(np.log(35.0), 0.5, n_cust))       # typical amount of each customer
    cust_hour = rng.normal(14.0, 2.5, n_cust)                           # usual hour of day
    cust_age = rng.uniform(0.1, 12.0, n_cust)                           # account age in years at the start
    cust_online = rng.beta(2.0, 5.0, n_cust)                            # how much a customer shops online

    t = np.sort(rng.uniform(0.0, days, n))
    customer = rng.integers(0, n_cust, n)
    y = (rng.random(n) < fraud_rate).astype("int64")
    s = np.clip(drift * t / days, 0.0, 1.0)                             # 0 at the start, `drift` at the end
    fraud = y == 1

    def mix(legit, fraudulent):
        """Each fraud row takes the fraud value unless it hides (probability `stealth`)."""
        use = fraud & (rng.random(n) >= stealth)
        return np.where(use, fraudulent, legit)

    # merchant category
    u = rng.random(n)
    legit_cat = np.searchsorted(np.cumsum(_LEGIT_P), u * _LEGIT_P.sum(), side="right")
    p_fraud = (1 - s)[:, None] * _FRAUD_EARLY + s[:, None] * _FRAUD_LATE
    fraud_cat = (rng.random(n)[:, None] * p_fraud.sum(1, keepdims=True) > np.cumsum(p_fraud, axis=1)).sum(1)
    category = np.minimum(mix(legit_cat, fraud_cat), len(CATEGORIES) - 1).astype("int64")

    # amount relative to the customer's habit: large early, drifting towards smaller later
    legit_ratio = np.exp(rng.normal(0.0, 0.55, n))
    fraud_ratio = np.exp(rng.normal(np.log(3.5) * (1 - 0.8 * s), 0.7, n))
    ratio = mix(legit_ratio, fraud_ratio)
    amount = np.round(cust_amount[customer] * _SCALE[category] * ratio, 2) + 0.5
    amount_ratio = amount / (cust_amount[customer] * _SCALE[category])

    # hour of day: frauds more often at night, more so later
    legit_hour = rng.normal(cust_hour[customer], 3.0)
    night = rng.random(n) < 0.45 + 0.25 * s
    fraud_hour = np.where(night, rng.uniform(0.0, 6.0, n), rng.uniform(0.0, 24.0, n))
    hour = np.mod(mix(legit_hour, fraud_hour), 24.0)

    online_p = np.clip(_ONLINE[category] * 0.6 + cust_online[customer] * 0.4, 0, 1)
    legit_present = (rng.random(n) >= online_p).astype(float)
    fraud_present = (rng.random(n) < 0.1 + 0.4 * s).astype(float)       # later: cloned cards used in shops
    card_present = mix(legit_present, fraud_present)
    distance = mix(np.exp(rng.normal(np.log(4.0), 1.0, n)), np.exp(rng.normal(np.log(80.0) * (1 - 0.4 * s), 1.5, n)))
    new_merchant = mix((rng.random(n) < 0.15).astype(float), (rng.random(n) < 0.7).astype(float))
    velocity = mix(rng.poisson(1.5, n), rng.poisson(4.0 + 2.0 * s, n)).astype(float)
    age = cust_age[customer] + t / 365.25
    age = mix(age, np.minimum(age, rng.exponential(1.0, n)))

    one_hot = np.eye(len(CATEGORIES))[category]
    x = np.column_stack([np.log(amount), amount_ratio, np.sin(2 * np.pi * hour / 24), np.cos(2 * np.pi * hour / 24),
                         card_present, np.log1p(distance), new_merchant, velocity, age, one_hot]).astype("float32")
    names = FEATURES + tuple(f"cat_{c}" for c in CATEGORIES)
    return Transactions(x=x, y=y, t=t, amount=amount, category=category, customer=customer.astype("int64"),
                        feature_names=names, category_names=CATEGORIES)


def make_returns(n: int = 2000, seed: int = 0, omega: float = 0.02, alpha: float = 0.1, beta: float = 0.88,
                 df: float | None = 6.0):
    """``(returns, sigma)``: ``n`` daily returns in per cent from a GARCH(1, 1) process and the true
    conditional volatility ``sigma`` (both float64 ``(n,)``); ``returns[i] = sigma[i] * z[i]`` with
    ``z`` Student-t with ``df`` degrees of freedom scaled to variance 1 (``df=None``: normal), and
    ``sigma[i + 1]**2 = omega + alpha * returns[i]**2 + beta * sigma[i]**2``. Needs ``alpha + beta
    < 1``; the long-run variance is ``omega / (1 - alpha - beta)``.
    """
    if not (omega > 0 and alpha >= 0 and beta >= 0 and alpha + beta < 1):
        raise ValueError("need omega > 0, alpha, beta >= 0 and alpha + beta < 1")
    if df is not None and df <= 2:
        raise ValueError("df must be above 2 (finite variance)")
    rng = np.random.default_rng(seed)
    if df is None:
        z = rng.standard_normal(n)
    else:
        z = rng.standard_t(df, n) / np.sqrt(df / (df - 2.0))
    var = np.empty(n)
    r = np.empty(n)
    var[0] = omega / (1.0 - alpha - beta)
    for i in range(n):
        r[i] = np.sqrt(var[i]) * z[i]
        if i + 1 < n:
            var[i + 1] = omega + alpha * r[i] ** 2 + beta * var[i]
    return r, np.sqrt(var)
