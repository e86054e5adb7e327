-- Quarantined event lines per stream and reason.
with

quarantine as (
    select * from {{ ref('stg_product__event_quarantine') }}
),

final as (
    select event_stream, reason, count(*) as lines
    from quarantine
    group by event_stream, reason
)

select * from final
