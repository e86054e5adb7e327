-- Seats per account and day against the licence of the contract in force that day: active at
-- the end of the day, and the day's peak.
with

days as (
    select * from {{ ref('int_day_spine') }}
),

timeline as (
    select * from {{ ref('int_seat_timeline') }}
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

account_days as (
    select timeline_start.account_id, days.day
    from (select account_id, min(occurred_date) as first_date from timeline group by account_id) as timeline_start
    inner join days on days.day >= timeline_start.first_date
),

seats as (
    select
        account_days.account_id,
        account_days.day,
        max(timeline.active_after) as seats_peak,
        max(case when timeline.next_occurred_date is null or timeline.next_occurred_date > account_days.day
                 then timeline.active_after end) as seats_active
    from account_days
    inner join timeline
        on timeline.account_id = account_days.account_id
        and timeline.occurred_date <= account_days.day
        -- one comparison, not "is null or ...", so DuckDB plans a range join (see int_account_seats_monthly)
        and coalesce(timeline.next_occurred_date, date '9999-12-31') >= account_days.day
    group by account_days.account_id, account_days.day
),

final as (
    select
        seats.account_id,
        seats.day,
        seats.seats_active,
        seats.seats_peak,
        contracts.contract_id,
        contracts.seats_licensed,
        case when contracts.seats_licensed > 0
             then cast(seats.seats_active as decimal(38, 10)) / contracts.seats_licensed end as utilisation,
        case when contracts.seats_licensed is not null and seats.seats_peak > contracts.seats_licensed
             then seats.seats_peak - contracts.seats_licensed else 0 end as seats_over_licence
    from seats
    left join contracts
        on contracts.account_id = seats.account_id
        and seats.day between contracts.start_date and contracts.end_date
)

select * from final
