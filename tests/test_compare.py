"""The comparison of the seeds' targets, with every bundled plugin installed."""

from __future__ import annotations

from click.testing import CliRunner

from medconsortium.cli import main


def test_compare_shows_the_seeds_thresholds_and_monitored_cells() -> None:
    """The seeds' headline targets in one table; a monitored indicator is not a threshold."""
    result = CliRunner().invoke(main, ["compare", "jiangsu", "linyi", "tongzhou", "--lang", "en"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert ">= 90 (2020)" in rows["county_visit_rate"]
    assert "monitored, no threshold" in rows["county_visit_rate"]
    assert ">= 95 (2018)" in rows["primary_first_visit_rate"]
    assert ">= 70 (2025)" in rows["primary_care_oe_share"]
    # Jiangsu counts every downward referral (+20%); Linyi only those within a consortium
    # (医联体内, +10%): two indicators, two rows.
    assert "YoY change % >= 20" in rows["referrals_down"]
    assert "YoY change % >= 10" in next(v for k, v in rows.items() if k.startswith("referrals_down_within"))
