"""The SYNTHETIC demo reproduces the article's published figures within 25%."""

from __future__ import annotations

import pytest
from dbt_helpers import PROJECT_ROOT, DbtProject

from extract.demo import SYNTHETIC_MARKER, write_demo_landing
from extract.report import format_table

TOLERANCE = 0.25

# (downloads, RAM score) by milestone, as published on the data date 2026-01-11.
ARTICLE = {
    "openai/gpt-oss-120b": {
        7: (0.4e6, 43),
        14: (0.8e6, 16),
        30: (2.7e6, 18),
        60: (6.5e6, 24),
        90: (10e6, 40),
    },
    "MiniMaxAI/MiniMax-M2.1": {7: (93e3, 9.3), 14: (195e3, 3.9)},
    "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16": {7: (62e3, 3.1), 14: (210e3, 1.4)},
    "moonshotai/Kimi-K2-Thinking": {
        7: (90e3, 3),
        14: (160e3, 1.6),
        30: (380e3, 1.8),
        60: (720e3, 1.0),
    },
    "deepseek-ai/DeepSeek-OCR": {
        7: (300e3, 30),
        14: (1.3e6, 19),
        30: (4.3e6, 7.5),
        60: (9.3e6, 5.1),
    },
    "allenai/olmOCR-2-7B-1025-FP8": {
        7: (11e3, 0.12),
        14: (70e3, 0.25),
        30: (157e3, 0.24),
        60: (1.6e6, 1.05),
    },
    "zai-org/GLM-4.7": {7: (28e3, 0.93), 14: (32e3, 0.32)},
    "deepseek-ai/DeepSeek-V3.2": {7: (26e3, 0.85), 14: (61e3, 0.61), 30: (110e3, 0.54)},
}
CASES = [
    (model_id, days, downloads, score)
    for model_id, milestones in ARTICLE.items()
    for days, (downloads, score) in milestones.items()
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject.copy_to(tmp_path_factory.mktemp("demo"))
    write_demo_landing(project.raw_root, PROJECT_ROOT / "seeds" / "tracked_models.csv")
    project.build()
    return project


@pytest.mark.parametrize(("model_id", "days", "downloads", "score"), CASES)
def test_featured_scores_match_the_article(
    demo: DbtProject, model_id: str, days: int, downloads: float, score: float
) -> None:
    [(actual_downloads, actual_score)] = demo.query(
        "select downloads, ram_score from fct_ram_scores "
        f"where model_id = '{model_id}' and milestone_days = {days}"
    )
    assert actual_downloads == pytest.approx(downloads, rel=TOLERANCE)
    assert actual_score == pytest.approx(score, rel=TOLERANCE)


def test_small_bucket_reference_has_the_outlier_mean(demo: DbtProject) -> None:
    [(median, mean, n_models)] = demo.query(
        "select median_downloads, mean_downloads, n_models from fct_bucket_reference "
        "where size_bucket = '1-5B' and milestone_days = 30"
    )
    assert n_models == 10
    assert median == pytest.approx(0.57e6, rel=TOLERANCE)
    assert mean == pytest.approx(5.5e6, rel=TOLERANCE)


def test_demo_is_labelled_synthetic(demo: DbtProject) -> None:
    assert (demo.raw_root / SYNTHETIC_MARKER).exists()
    rows = demo.query("select * from rpt_recent_model_performance limit 0")
    assert "SYNTHETIC" in format_table([], synthetic=True)
    assert rows == []


def test_demo_has_the_hubs_quirks(demo: DbtProject) -> None:
    [(n_dates, n_dips)] = demo.query(
        """
        with
        series as (
            select
                model_id,
                snapshot_date,
                downloads_all_time,
                lag(downloads_all_time) over (
                    partition by model_id order by snapshot_date
                ) as previous_downloads
            from stg_hf_hub__model_snapshots
        )
        select
            count(distinct snapshot_date),
            count(*) filter (where downloads_all_time < previous_downloads)
        from series
        """
    )
    assert 700 < n_dates < 731  # about two years, with missing days
    assert n_dips > 50
