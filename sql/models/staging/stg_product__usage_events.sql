-- Accepted usage events, corrections included: the lake's usage_events table as the Flink
-- ingestion job committed it. Instants are UTC.
with

source as (
    select * from {{ source('product', 'usage_events') }}
    {{ lake_as_of_filter() }}
),

final as (
    select
        event_id,
        workspace_id,
        metric,
        quantity,
        occurred_at,
        occurred_date,
        received_at,
        corrects_event_id,
        corrects_event_id is not null as is_correction,
        source_file,
        line_no,
        arrival_seq,
        collected_at,
        _lake_snapshot_id,
        _lake_committed_at
    from source
)

select * from final
