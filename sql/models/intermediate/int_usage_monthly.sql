-- usage(m, metric) per account: the effective quantities of the month's events (UTC).
with

usage_events as (
    select * from {{ ref('int_usage_events_effective') }}
),

final as (
    select
        account_id,
        metric,
        usage_month as month_start,
        sum(quantity) as quantity,
        count(*) as event_count
    from usage_events
    group by account_id, metric, usage_month
)

select * from final
