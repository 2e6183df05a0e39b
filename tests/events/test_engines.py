"""The same code on other engines: Spark in local mode gives identical values on about
a million rows; the SQL compiled for Trino, run here on DuckDB through sqlglot, gives
the engine pass's rows; an Ibis connection URL reads the same tables."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import ibis
import pytest
import sqlglot

from medconsortium import Registry, Statistics, load_network
from medconsortium.events.compute import event_statistics, metrics_for, visits_expression
from medconsortium.events.definitions import EventTable
from medconsortium.events.network import dimension
from medconsortium.events.sources import EventTables, connect_duckdb, open_sources

from .helpers import REFERRAL_FILE, TONGZHOU_NETWORK, VISIT_FILE

ROWS = 1_000_000


def _view(stats: Statistics) -> list[tuple[str, str, int, dict[str, float]]]:
    return [(r.scope.value, r.id, r.year, dict(r.values)) for r in stats.records]


@pytest.fixture(scope="module")
def million(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """About a million synthetic visits and 100,000 referrals over the Tongzhou network,
    written as Parquet by DuckDB (seeded)."""
    folder = tmp_path_factory.mktemp("million")
    network = load_network(TONGZHOU_NETWORK)
    ids = sorted(i.id for i in network.institutions)
    con = duckdb.connect()
    con.execute("SELECT setseed(0.16)")
    con.execute(
        "CREATE TABLE inst AS SELECT unnest($1::VARCHAR[]) AS id, generate_subscripts($1::VARCHAR[], 1) AS n",
        [ids],
    )
    n = len(ids)
    con.execute(
        f"""
        COPY (
          WITH base AS (
            SELECT range AS r, (hash(range) % {n}) + 1 AS i, random() AS u, random() AS w FROM range({ROWS})
          )
          SELECT 'v' || r AS visit_id, 'p-' || (r % 90000) AS patient_key,
                 CASE WHEN w < 0.03 THEN 'out-' || (r % 3) ELSE inst.id END AS institution_id,
                 DATE '2024-01-01' + CAST(floor(u * 731) AS INTEGER) AS visit_date,
                 CASE WHEN w < 0.7 THEN 'outpatient' WHEN w < 0.88 THEN 'emergency'
                      ELSE 'inpatient' END AS kind,
                 (r % 3 = 0) AS first_visit,
                 CASE WHEN r % 20 = 0 THEN '320684' ELSE '320612' END AS residence_county,
                 CASE WHEN w >= 0.88 AND r % 10 <> 0
                      THEN DATE '2024-01-01' + CAST(floor(u * 731) AS INTEGER) + CAST(r % 15 AS INTEGER) END
                   AS discharge_date,
                 CASE WHEN w < 0.03 THEN '320602' END AS institution_county
          FROM base JOIN inst ON inst.n = base.i
        ) TO '{folder}/visits.parquet' (FORMAT parquet)
        """
    )
    con.execute(
        f"""
        COPY (
          WITH base AS (SELECT range AS r, (hash(range) % {n}) + 1 AS a, (hash(range + 7) % {n}) + 1 AS b,
                               random() AS u FROM range(100000))
          SELECT 'r' || r AS id, 'p-' || (r % 5000) AS patient,
                 x.id AS from_institution, y.id AS to_institution,
                 TIMESTAMP '2024-01-01 08:00:00' + to_minutes(CAST(floor(u * 1051000) AS BIGINT)) AS time,
                 CASE WHEN r % 3 = 0 THEN true WHEN r % 3 = 1 THEN false END AS reserved_resource,
                 CASE WHEN r % 17 = 0
                      THEN TIMESTAMP '2024-01-01 09:00:00' + to_minutes(CAST(floor(u * 1051000) AS BIGINT))
                 END
                   AS rejected_at
          FROM base JOIN inst x ON x.n = base.a JOIN inst y ON y.n = base.b
          WHERE a <> b
        ) TO '{folder}/referrals.parquet' (FORMAT parquet)
        """
    )
    return folder / "visits.parquet", folder / "referrals.parquet"


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    os.environ.setdefault("PYSPARK_PYTHON", os.sys.executable)  # type: ignore[attr-defined]
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("medconsortium-events-parity")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "Asia/Shanghai")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_gives_identical_values(million: tuple[Path, Path], spark: Any, registry: Registry) -> None:
    visits, referrals = million
    network = load_network(TONGZHOU_NETWORK)
    known = frozenset(registry.metrics)
    local = event_statistics(
        open_sources([f"parquet:{visits}", f"referrals=parquet:{referrals}"]), network, 2025, 2024, known
    )
    con = ibis.pyspark.connect(spark)
    tables = EventTables(
        con,
        con.read_parquet(str(visits)),
        con.read_parquet(str(referrals)),
        {"visits": str(visits), "referrals": str(referrals)},
    )
    remote = event_statistics(tables, network, 2025, 2024, known)
    assert _view(remote) == _view(local)
    total = local.value(*_area_2025("total_visits"))
    assert total is not None and total > 400_000  # the million rows were read, not a few
    assert local.value(*_area_2025("referrals_up")) not in (None, 0)


def _area_2025(metric: str) -> tuple[Any, str, int, str]:
    from medconsortium import Scope

    return Scope.AREA, "320612", 2025, metric


def test_trino_sql_compiles_and_means_the_same(registry: Registry) -> None:
    network = load_network(TONGZHOU_NETWORK)
    con = connect_duckdb()
    native = con.read_csv(
        str(VISIT_FILE), types={"residence_county": "VARCHAR", "institution_county": "VARCHAR"}
    )
    metrics = metrics_for(EventTable.VISITS, frozenset(registry.metrics))
    dim = dimension(network)
    # Unbound tables: what a Trino catalog would hold.
    visits = ibis.table(native.schema(), name="visits")
    segments = ibis.table(ibis.memtable(dim.table).schema(), name="segments")
    sql = ibis.to_sql(visits_expression(visits, segments, metrics), dialect="trino")
    text = str(sql)
    assert '"visits"' in text and '"segments"' in text and "LEFT OUTER JOIN" in text.upper()
    assert "GROUP BY" in text and "GREATEST" in text and "SUBSTR" not in text.upper()
    sqlglot.parse_one(text, read="trino")  # valid Trino syntax
    # Run the Trino SQL on DuckDB (transpiled by sqlglot): same rows as the native pass.
    raw = duckdb.connect()
    raw.register("visits", native.to_pyarrow())
    raw.register("segments", dim.table)
    transpiled = sqlglot.transpile(text, read="trino", write="duckdb")[0]
    key = lambda row: tuple("" if v is None else str(v) for v in row)  # noqa: E731
    got = sorted((tuple(r) for r in raw.execute(transpiled).fetchall()), key=key)
    expected_table = visits_expression(native, ibis.memtable(dim.table), metrics).to_pyarrow()
    expected = sorted((tuple(r.values()) for r in expected_table.to_pylist()), key=key)
    assert len(got) > 50
    assert got == expected


def test_a_duckdb_url_reads_the_same_tables(tmp_path: Path, registry: Registry) -> None:
    db = tmp_path / "data.db"
    raw = duckdb.connect(str(db))
    raw.execute(
        f"CREATE TABLE visits AS SELECT * FROM read_csv('{VISIT_FILE}', "
        "types={'residence_county': 'VARCHAR', 'institution_county': 'VARCHAR'})"
    )
    raw.execute(f"CREATE TABLE referrals AS SELECT * FROM read_csv('{REFERRAL_FILE}')")
    raw.close()
    network = load_network(TONGZHOU_NETWORK)
    known = frozenset(registry.metrics)
    by_url = event_statistics(open_sources([f"duckdb://{db}"]), network, 2025, 2024, known)
    by_file = event_statistics(
        open_sources([str(VISIT_FILE), f"referrals={REFERRAL_FILE}"]), network, 2025, 2024, known
    )
    assert _view(by_url) == _view(by_file)
    assert by_url.source is not None and "table visits" in by_url.source


def test_referrals_as_json_lines_give_the_same_values(tmp_path: Path, registry: Registry) -> None:
    import csv
    import json

    path = tmp_path / "referrals.jsonl"
    with REFERRAL_FILE.open(encoding="utf-8") as handle, path.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(handle):
            record = {k: (None if v == "" else v) for k, v in row.items()}
            if record["reserved_resource"] is not None:
                record["reserved_resource"] = record["reserved_resource"] == "true"
            out.write(json.dumps(record) + "\n")
    network = load_network(TONGZHOU_NETWORK)
    known = frozenset(registry.metrics)
    from_json = event_statistics(open_sources([f"referrals=jsonl:{path}"]), network, 2025, 2024, known)
    from_csv = event_statistics(open_sources([f"referrals={REFERRAL_FILE}"]), network, 2025, 2024, known)
    assert _view(from_json) == _view(from_csv)
    assert len(from_csv.records) > 50
