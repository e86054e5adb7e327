-- Accepted original usage events with their effective quantity: the quantity of the last
-- accepted correction in arrival order, else their own. Corrections add no quantity of their
-- own: they only replace.
with

events as (
    select * from {{ ref('stg_product__usage_events') }}
),

workspaces as (
    select * from {{ ref('stg_product__workspaces') }}
),

ranked_corrections as (
    select
        corrects_event_id,
        event_id as correction_event_id,
        quantity,
        row_number() over (partition by corrects_event_id order by arrival_seq desc) as rank_from_last
    from events
    where is_correction
),

last_corrections as (
    select * from ranked_corrections where rank_from_last = 1
),

final as (
    select
        originals.event_id,
        workspaces.account_id,
        originals.workspace_id,
        originals.metric,
        originals.occurred_at,
        originals.occurred_date,
        {{ month_start('originals.occurred_date') }} as usage_month,
        originals.quantity as original_quantity,
        coalesce(last_corrections.quantity, originals.quantity) as quantity,
        last_corrections.correction_event_id
    from events as originals
    inner join workspaces on workspaces.workspace_id = originals.workspace_id
    left join last_corrections on last_corrections.corrects_event_id = originals.event_id
    where not originals.is_correction
)

select * from final
