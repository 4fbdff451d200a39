"""Bad analyst edits to the seeds stop the build with a message naming the row and value."""

from __future__ import annotations

import datetime as dt

import pytest
from dbt_helpers import DbtProject

from extract.landing import to_table, write_partition_file

GOOD_TRACKED = "model_id,display_name,params_b,release_date\norg/alpha,Alpha,2,2025-01-01\n"
GOOD_BUCKETS = "size_bucket,min_params_b,max_params_b,sort_order\nsmall,0,10,1\nlarge,10,,2\n"


@pytest.fixture
def project(tmp_path) -> DbtProject:
    project = DbtProject.copy_to(tmp_path)
    project.write_seed("tracked_models", GOOD_TRACKED)
    project.write_seed("size_buckets", GOOD_BUCKETS)
    table = to_table([{"model_id": "org/alpha", "downloads_all_time": 1}])
    write_partition_file(project.raw_root, dt.date(2025, 1, 2), table, "test.parquet")
    return project


def _failing_build_output(project: DbtProject) -> str:
    result = project.dbt("build")
    assert result.returncode != 0
    return result.stdout


@pytest.mark.parametrize(
    ("seed", "text", "expected"),
    [
        (
            "tracked_models",
            GOOD_TRACKED + "org/beta,Beta,seven,2025-01-01\n",
            ["seeds/tracked_models.csv", "model_id org/beta", "params_b 'seven'"],
        ),
        (
            "tracked_models",
            GOOD_TRACKED + "org/beta,Beta,7,2025-02-30\n",
            ["seeds/tracked_models.csv", "model_id org/beta", "release_date '2025-02-30'"],
        ),
        (
            "tracked_models",
            GOOD_TRACKED + "org/alpha,Alpha again,2,\n",
            ["seeds/tracked_models.csv", "model_id org/alpha", "is listed 2 times"],
        ),
        (
            "tracked_models",
            GOOD_TRACKED + "not-a-hub-id,Beta,2,\n",
            ["seeds/tracked_models.csv", "model_id 'not-a-hub-id'"],
        ),
        (
            "size_buckets",
            GOOD_BUCKETS + "medium,5,20,3\n",
            ["seeds/size_buckets.csv", "size_bucket small", "overlaps size_bucket medium"],
        ),
        (
            "size_buckets",
            GOOD_BUCKETS + "odd,1O,,3\n",
            ["seeds/size_buckets.csv", "size_bucket odd", "min_params_b '1O'"],
        ),
        (
            "milestones",
            "milestone_days\n7\n14\n2 weeks\n",
            ["seeds/milestones.csv", "milestone_days '2 weeks'"],
        ),
    ],
)
def test_bad_edit_stops_the_build_naming_row_and_value(
    project: DbtProject, seed: str, text: str, expected: list[str]
) -> None:
    project.write_seed(seed, text)
    output = _failing_build_output(project)
    for fragment in expected:
        assert fragment in output


def test_gap_between_buckets_is_a_warning(project: DbtProject) -> None:
    project.write_seed(
        "size_buckets",
        "size_bucket,min_params_b,max_params_b,sort_order\nsmall,0,5,1\nlarge,10,,2\n",
    )
    result = project.build()
    assert "size_bucket small: max_params_b '5' leaves a gap before size_bucket large" in (
        result.stdout
    )
