with

source as (
    select * from {{ source('product', 'seat_events') }}
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
        arrival_seq
    from source
)

select * from final
