-- Every day from the first product event to the as-of date.
with

numbers as (
    select * from {{ ref('int_numbers') }}
),

usage_events as (
    select min(occurred_date) as first_date from {{ ref('stg_product__usage_events') }}
),

seat_events as (
    select min(occurred_date) as first_date from {{ ref('stg_product__seat_events') }}
),

bounds as (
    select
        case
            when usage_events.first_date is null then coalesce(seat_events.first_date, {{ as_of() }})
            when seat_events.first_date is null or usage_events.first_date < seat_events.first_date
                then usage_events.first_date
            else seat_events.first_date
        end as first_date
    from usage_events
    cross join seat_events
),

final as (
    select {{ add_days('bounds.first_date', 'numbers.n') }} as day
    from bounds
    cross join numbers
    where {{ add_days('bounds.first_date', 'numbers.n') }} <= {{ as_of() }}
)

select * from final
