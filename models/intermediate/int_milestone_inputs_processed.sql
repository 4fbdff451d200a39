-- Record of the inputs int_model_downloads_by_interval was built with;
-- written after it, read by the next build.
-- depends_on: {{ ref('int_model_downloads_by_interval') }}
with

milestone_inputs as (
    select * from {{ ref('int_milestone_inputs_current') }}
)

select * from milestone_inputs
