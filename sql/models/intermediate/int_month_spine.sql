-- Every calendar month from the earliest contract start to a year past the as-of date or the
-- latest contract end, whichever is later.
with

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

numbers as (
    select * from {{ ref('int_numbers') }}
),

bounds as (
    select
        min(start_month) as first_month,
        max(end_month_index) as last_end_index
    from contracts
),

months as (
    select
        {{ add_months('bounds.first_month', 'numbers.n') }} as month_start,
        {{ month_index('bounds.first_month') }} + numbers.n as month_index
    from bounds
    cross join numbers
    where {{ month_index('bounds.first_month') }} + numbers.n
        <= case when bounds.last_end_index + 1 > {{ month_index(as_of()) }} + 12
                then bounds.last_end_index + 1
                else {{ month_index(as_of()) }} + 12 end
),

final as (
    select
        month_start,
        {{ month_end('month_start') }} as month_end,
        month_index,
        {{ month_label('month_start') }} as month_label
    from months
)

select * from final
