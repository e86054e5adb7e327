-- usage(m, metric) per workspace: the effective quantities of the month's events (UTC) of each
-- workspace, with the account it belongs to now (as int_usage_monthly sums them per account).
-- The ML features read how an account's usage spreads over its workspaces from it.
with

usage_events as (
    select * from {{ ref('int_usage_events_effective') }}
),

final as (
    select
        account_id,
        workspace_id,
        metric,
        usage_month as month_start,
        sum(quantity) as quantity,
        count(*) as event_count
    from usage_events
    group by account_id, workspace_id, metric, usage_month
)

select * from final
