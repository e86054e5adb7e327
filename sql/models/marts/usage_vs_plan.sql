-- Usage against plan limits per contract, billing month and metric of the contract's own price
-- book version (grandfathered): included units, overage units, the overage a correct invoice
-- bills, and what was billed.
with

contract_months as (
    select * from {{ ref('int_contract_months') }}
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

price_book as (
    select * from {{ ref('stg_billing__price_book') }}
),

usage_monthly as (
    select * from {{ ref('int_usage_monthly') }}
),

overage_billed as (
    select * from {{ ref('int_invoice_overage_months') }}
),

plan_months as (
    select
        contract_months.contract_id,
        contract_months.account_id,
        contract_months.month_start,
        contract_months.month_label,
        contract_months.is_closed,
        price_book.metric,
        price_book.included_units,
        price_book.overage_unit_price
    from contract_months
    inner join contracts on contracts.contract_id = contract_months.contract_id
    inner join price_book
        on price_book.plan_id = contracts.plan_id
        and price_book.price_version = contracts.price_version
),

measured as (
    select
        plan_months.*,
        coalesce(usage_monthly.quantity, 0) as usage_quantity,
        coalesce(overage_billed.billed_amount, 0) as billed_overage_amount
    from plan_months
    left join usage_monthly
        on usage_monthly.account_id = plan_months.account_id
        and usage_monthly.metric = plan_months.metric
        and usage_monthly.month_start = plan_months.month_start
    left join overage_billed
        on overage_billed.contract_id = plan_months.contract_id
        and overage_billed.metric = plan_months.metric
        and overage_billed.month_start = plan_months.month_start
),

final as (
    select
        measured.*,
        case when usage_quantity > included_units then usage_quantity - included_units else 0 end as overage_units,
        {{ cents('case when usage_quantity > included_units then (usage_quantity - included_units) * overage_unit_price else 0 end') }}
            as expected_overage_amount,
        case when included_units > 0 then usage_quantity / included_units end as utilisation
    from measured
)

select * from final
