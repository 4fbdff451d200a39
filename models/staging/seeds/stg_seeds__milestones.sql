{{ ram.validate_milestones(ref('milestones')) }}

with

milestones as (
    select * from {{ ref('milestones') }}
),

typed as (
    select cast(trim(milestone_days) as integer) as milestone_days
    from milestones
)

select * from typed
