with

source as (
    select * from {{ source('product', 'seat_events') }}
    {{ lake_as_of_filter() }}
),

final as (
    select
        event_id,
        workspace_id,
        user_id,
        action,
        occurred_at,
        occurred_date,
        received_at,
        source_file,
        line_no,
        arrival_seq,
        collected_at,
        _lake_snapshot_id,
        _lake_committed_at
    from source
)

select * from final
