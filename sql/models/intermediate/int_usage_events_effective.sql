-- Accepted original usage events with their effective quantity (int_usage_event_quantities)
-- and the account their workspace belongs to now. A view: the event-level table is built
-- incrementally, the account join is cheap and always current.
{{ config(materialized='view') }}

with

quantities as (
    select * from {{ ref('int_usage_event_quantities') }}
),

workspaces as (
    select * from {{ ref('stg_product__workspaces') }}
),

final as (
    select
        quantities.event_id,
        workspaces.account_id,
        quantities.workspace_id,
        quantities.metric,
        quantities.occurred_at,
        quantities.occurred_date,
        quantities.usage_month,
        quantities.original_quantity,
        quantities.quantity,
        quantities.correction_event_id
    from quantities
    inner join workspaces on workspaces.workspace_id = quantities.workspace_id
)

select * from final
