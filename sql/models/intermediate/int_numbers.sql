-- 0..9999: the spine generator for months and days (no dialect-specific series function).
with

digits as (
    select d from (values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) as t (d)
),

final as (
    select ones.d + 10 * tens.d + 100 * hundreds.d + 1000 * thousands.d as n
    from digits as ones
    cross join digits as tens
    cross join digits as hundreds
    cross join digits as thousands
)

select * from final
