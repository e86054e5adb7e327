-- Metering lag per hour of commit, event stream and source, as `leakproof stream` records it in
-- the lake once each hour ends: received_at to the commit, in milliseconds.
with

source as (
    select * from {{ source('product', 'metering_lag') }}
    {{ lake_as_of_filter() }}
),

final as (
    select
        commit_hour,
        event_stream,
        source as event_source,
        events,
        p50_ms,
        p95_ms,
        p99_ms,
        max_ms,
        computed_at
    from source
)

select * from final
