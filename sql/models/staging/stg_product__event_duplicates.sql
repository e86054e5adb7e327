with

source as (
    select * from {{ source('product', 'event_duplicates') }}
),

final as (
    select
        event_stream,
        source_file,
        line_no,
        arrival_seq,
        event_id,
        first_arrival_seq
    from source
)

select * from final
