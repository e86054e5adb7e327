with

source as (
    select * from {{ source('loader', 'source_rejections') }}
),

final as (
    select
        source_file,
        line_no,
        code,
        reason,
        raw
    from source
)

select * from final
