"""Impossible statistics: a value outside its metric's domain, or parts above their whole.

A share of 150 %, a negative count, 1.5 admissions or more in-county visits than visits
are not numbers to assess: they are bad input, refused with the file, the record and the
metric. Domains are declared by each :class:`~medconsortium.Metric` (its unit, or an
explicit minimum, maximum, ``integer`` and ``at_most``), so plugins declare their own.

>>> from medconsortium import Label, Metric
>>> metrics = {
...     "visits": Metric("visits", Label("就诊", "visits")),
...     "in_county": Metric("in_county", Label("县域内", "in county"), at_most=("visits",)),
... }
>>> value_problem(metrics, {"visits": 10.0, "in_county": 12.0})
('values.in_county', 'in_county 12 is more than visits 10')
>>> value_problem(metrics, {"visits": -1.0})
('values.visits', 'visits -1 is below its minimum 0')
>>> value_problem(metrics, {"visits": 10.0, "in_county": 9.0}) is None
True
>>> check = value_checker(metrics)
>>> check({"visits": 10.0, "in_county": 12.0}), check({"visits": 10.0}) is None
(('values.in_county', 'in_county 12 is more than visits 10'), True)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from .statistics import Metric


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def value_problem(metrics: Mapping[str, Metric], values: Mapping[str, float]) -> tuple[str, str] | None:
    """(``values.<metric>``, message) of the first value outside its domain, or None.

    Metrics the mapping does not know are not judged here (the loader refuses them).
    """
    for key in sorted(values):
        metric = metrics.get(key)
        if metric is None:
            continue
        value = values[key]
        low, high, whole = metric.bounds
        if low is not None and value < low:
            return f"values.{key}", f"{key} {_number(value)} is below its minimum {_number(low)}"
        if high is not None and value > high:
            return f"values.{key}", f"{key} {_number(value)} is above its maximum {_number(high)}"
        if whole and value != int(value):
            return f"values.{key}", f"{key} {value!r} is not a whole number ({metric.unit})"
        for whole_id in metric.at_most:
            total = values.get(whole_id)
            if total is not None and value > total:
                return f"values.{key}", f"{key} {_number(value)} is more than {whole_id} {_number(total)}"
    return None


def bounds(metric: Metric) -> tuple[float, float, bool]:
    """(minimum, maximum, whole numbers only) of ``metric``, a missing bound as an infinity,
    so that one comparison each way tests any value.

    >>> from medconsortium.model.labels import Label
    >>> from medconsortium.model.statistics import Metric
    >>> bounds(Metric("referrals", Label("转诊人次", "referrals")))
    (0.0, inf, True)
    >>> bounds(Metric("share", Label("占比", "share"), unit="percent"))
    (0.0, 100.0, False)
    """
    low, high, whole = metric.bounds
    return (-math.inf if low is None else low, math.inf if high is None else high, whole)


def value_checker(metrics: Mapping[str, Metric]) -> Callable[[Mapping[str, float]], tuple[str, str] | None]:
    """:func:`value_problem` for many records of the same metrics: each metric's domain is
    read once, and a record is walked in its own order; only a record with a problem is
    walked again, sorted, by :func:`value_problem`, which names the same first problem.
    (Sorting every record and reading the bounds per value cost more than parsing a
    province's statistics, benchmarks/core.py.)
    """
    table: dict[str, tuple[float, float, bool, tuple[str, ...]]] = {}
    for key, metric in metrics.items():
        table[key] = (*bounds(metric), metric.at_most)

    def check(values: Mapping[str, float]) -> tuple[str, str] | None:
        for key, value in values.items():
            domain = table.get(key)
            if domain is None:
                continue
            low, high, whole, at_most = domain
            if value < low or value > high or (whole and value != int(value)):
                return value_problem(metrics, values)
            for whole_id in at_most:
                total = values.get(whole_id)
                if total is not None and value > total:
                    return value_problem(metrics, values)
        return None

    return check
