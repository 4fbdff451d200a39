{#- Fails with every row of the model: for listings that should be empty. -#}
{% test expect_no_rows(model) %}

select * from {{ model }}

{% endtest %}
