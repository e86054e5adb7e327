-- Every line that could not be used, as quarantine.csv lists it: event lines with their hygiene
-- reason, and CSV rows with theirs.
with

events as (
    select * from {{ ref('stg_product__event_quarantine') }}
),

rows_rejected as (
    select * from {{ ref('stg_loader__source_rejections') }}
),

final as (
    select source_file, line_no, reason, raw from events
    union all
    select source_file, line_no, reason, raw from rows_rejected
)

select * from final
