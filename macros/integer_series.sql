{#- The integers 0 .. 2^n_bits - 1 as column `n`, from cross joins of two-row
    selects, which every engine runs (no generate_series / range dialects). -#}
{% macro integer_series(n_bits) -%}
    select
        {% for bit in range(n_bits) -%}
            bit_{{ bit }}.bit_value * {{ 2 ** bit }}{{ " +" if not loop.last else "" }}
        {% endfor -%}
        as n
    from
        {% for bit in range(n_bits) -%}
            (select 0 as bit_value union all select 1 as bit_value) as bit_{{ bit }}{{ "" if loop.last else " cross join" }}
        {% endfor %}
{%- endmacro %}
