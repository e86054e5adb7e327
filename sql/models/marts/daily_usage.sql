-- Usage per account, metric and UTC day, corrections applied.
with

usage_events as (
    select * from {{ ref('int_usage_events_effective') }}
),

final as (
    select
        account_id,
        metric,
        occurred_date as usage_date,
        sum(quantity) as quantity,
        count(*) as event_count,
        count(correction_event_id) as corrected_event_count
    from usage_events
    group by account_id, metric, occurred_date
)

select * from final
