-- Hygiene counters per event stream: lines read, accepted (corrections included), dropped
-- duplicates and quarantined, and the capture rate (duplicates excluded from both sides).
with

usage_events as (
    select count(*) as n from {{ ref('stg_product__usage_events') }}
),

seat_events as (
    select count(*) as n from {{ ref('stg_product__seat_events') }}
),

duplicates as (
    select event_stream, count(*) as n from {{ ref('stg_product__event_duplicates') }} group by event_stream
),

quarantined as (
    select event_stream, count(*) as n from {{ ref('stg_product__event_quarantine') }} group by event_stream
),

accepted as (
    select 'usage' as event_stream, n from usage_events
    union all
    select 'seats' as event_stream, n from seat_events
),

final as (
    select
        accepted.event_stream,
        accepted.n + coalesce(duplicates.n, 0) + coalesce(quarantined.n, 0) as lines_read,
        accepted.n as accepted,
        coalesce(duplicates.n, 0) as duplicates,
        coalesce(quarantined.n, 0) as quarantined,
        case when accepted.n + coalesce(quarantined.n, 0) = 0 then 1.0
             else cast(accepted.n as double) / (accepted.n + coalesce(quarantined.n, 0)) end as capture_rate
    from accepted
    left join duplicates on duplicates.event_stream = accepted.event_stream
    left join quarantined on quarantined.event_stream = accepted.event_stream
)

select * from final
