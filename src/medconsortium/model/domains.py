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
"""

from __future__ import annotations

from collections.abc import Mapping

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
