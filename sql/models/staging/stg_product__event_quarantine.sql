with

source as (
    select * from {{ source('product', 'event_quarantine') }}
    {{ lake_as_of_filter() }}
),

final as (
    select
        event_stream,
        source_file,
        line_no,
        arrival_seq,
        reason,
        event_id,
        raw,
        _lake_snapshot_id,
        _lake_committed_at
    from source
)

select * from final
