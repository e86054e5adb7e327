-- One row per contract and month of its term up to the as-of month: the contract year y(m),
-- the contracted seat price p(m), the discount in force, and whether the month is closed
-- (its last day is before the as-of date).
with

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

months as (
    select * from {{ ref('int_month_spine') }}
),

prices as (
    select * from {{ ref('int_contract_price_schedule') }}
),

contract_months as (
    select
        contracts.contract_id,
        contracts.account_id,
        contracts.currency,
        contracts.seats_licensed,
        contracts.discount_pct,
        contracts.discount_end_date,
        contracts.annual_uplift_pct,
        contracts.auto_bill_overages,
        months.month_start,
        months.month_end,
        months.month_index,
        months.month_label,
        {{ whole_years('contracts.start_month_index', 'months.month_index') }} as contract_year,
        months.month_end < {{ as_of() }} as is_closed
    from contracts
    inner join months
        on months.month_index between contracts.start_month_index and contracts.end_month_index
    where months.month_start <= {{ as_of() }}
),

final as (
    select
        contract_months.*,
        prices.seat_price,
        {{ cents('contract_months.seats_licensed * prices.seat_price') }} as list_amount,
        case
            when contract_months.discount_end_date is null
                or contract_months.month_start < contract_months.discount_end_date
            then {{ cents('contract_months.discount_pct * 0.01 * contract_months.seats_licensed * prices.seat_price') }}
            else cast(0 as decimal(38, 2))
        end as discount_in_force
    from contract_months
    inner join prices
        on prices.contract_id = contract_months.contract_id
        and prices.contract_year = contract_months.contract_year
)

select * from final
