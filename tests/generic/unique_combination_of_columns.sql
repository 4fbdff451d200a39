{#- Fails for every combination of `combination` values found more than once.

    Two passes, because grouping millions of rows by text columns is slow
    (fct_model_curves: ~14M points): first group by a 64-bit hash of each
    combination, then group the actual values of the rows whose hash repeats
    (normally none). Equal combinations have equal hashes, so no duplicate is
    missed; a hash collision only adds rows to the exact second pass. -#}
{% test unique_combination_of_columns(model, combination) %}

with

rows_hashed as (
    select {{ ram.combination_hash(combination) }} as combination_hash
    from {{ model }}
),

repeated_hashes as (
    select combination_hash
    from rows_hashed
    group by combination_hash
    having count(*) > 1
),

combinations_counted as (
    select
        {{ combination | join(', ') }},
        count(*) as n_rows
    from {{ model }}
    where {{ ram.combination_hash(combination) }} in (
        select repeated_hashes.combination_hash from repeated_hashes
    )
    group by {{ combination | join(', ') }}
)

select *
from combinations_counted
where n_rows > 1

{% endtest %}
