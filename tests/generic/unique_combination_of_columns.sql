{#- Fails for every combination of `combination` values found more than once. -#}
{% test unique_combination_of_columns(model, combination) %}

with

combinations_counted as (
    select
        {{ combination | join(', ') }},
        count(*) as n_rows
    from {{ model }}
    group by {{ combination | join(', ') }}
)

select *
from combinations_counted
where n_rows > 1

{% endtest %}
