{#- The integers 0 .. 2^n_bits - 1 as column `n`, from cross joins of two-row
    selects, which every engine runs (no generate_series / range dialects). -#}
{% macro integer_series(n_bits) -%}
    {%- set terms = [] -%}
    {%- set bits = [] -%}
    {%- for bit in range(n_bits) -%}
        {%- do terms.append('bit_' ~ bit ~ '.bit_value * ' ~ 2 ** bit) -%}
        {%- do bits.append('(select 0 as bit_value union all select 1 as bit_value) as bit_' ~ bit) -%}
    {%- endfor -%}
    select {{ terms | join(' + ') }} as n
    from {{ bits | join(' cross join ') }}
{%- endmacro %}
