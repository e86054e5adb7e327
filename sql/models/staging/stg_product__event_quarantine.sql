with

source as (
    select * from {{ source('product', 'event_quarantine') }}
),

final as (
    select
        event_stream,
        source_file,
        line_no,
        arrival_seq,
        reason,
        event_id,
        raw
    from source
)

select * from final
