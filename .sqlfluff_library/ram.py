"""Lint-time stand-ins for the project's dispatched macros (see macros/cross_db.sql)."""


def days_between(start_date, end_date):
    return f"date_diff('day', {start_date}, {end_date})"


def add_days(date_expr, days_expr):
    return f"({date_expr} + cast({days_expr} as integer))"


def percentile_cont(expr, fraction):
    return f"quantile_cont({expr}, {fraction})"


def safe_cast(expr, data_type):
    return f"try_cast({expr} as {data_type})"


def matches_pattern(expr, pattern):
    return f"regexp_full_match({expr}, '{pattern}')"


def integer_series(n_bits):
    return "select 0 as n"


def _no_sql(*args, **kwargs):
    return ""


validate_tracked_models = _no_sql
validate_size_buckets = _no_sql
validate_milestones = _no_sql


def arg_max_non_null(value_expr, order_expr):
    return f"arg_max({value_expr}, {order_expr})"


def list_landed_files():
    return "select 'x' as file_path"


def landing_increment(check_milestone_inputs=False):
    return {"full": True, "after_date": None, "reason": "lint"}


reset_for_full_rebuild = _no_sql


def cleaned_series_increment():
    return {"full": True, "after_date": None, "rebuild_models": False, "reason": "lint"}


def cleaned_series_horizon_days():
    return 372


def landed_files_fingerprint(landed_files_relation, through_date_expr):
    return "select 'x' as landing_fingerprint"


def landing_aggregate_materialization():
    return "incremental"
