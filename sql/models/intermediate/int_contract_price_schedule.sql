-- p(y) for every contract year a rule may need (the term and the first year after it):
-- round(seat_unit_price * (1 + uplift/100)^y, 2), the power taken exactly in decimals, one
-- anniversary at a time, and rounded once.
with recursive

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

factors (contract_id, contract_year, last_year, yearly_factor, factor) as (
    select
        contract_id,
        0,
        {{ whole_years('start_month_index', 'end_month_index + 1') }},
        cast(1 + annual_uplift_pct * 0.01 as decimal(20, 12)),
        cast(1 as decimal(38, 20))
    from contracts
    union all
    select
        contract_id,
        contract_year + 1,
        last_year,
        yearly_factor,
        cast(factor * yearly_factor as decimal(38, 20))
    from factors
    where contract_year < last_year
),

final as (
    select
        factors.contract_id,
        factors.contract_year,
        {{ cents('contracts.seat_unit_price * factors.factor') }} as seat_price
    from factors
    inner join contracts on contracts.contract_id = factors.contract_id
)

select * from final
