-- Every leak of spec section 4, one row per leak type, contract (or account), metric and month,
-- with the month's amount in cents and the evidence of that month. leak_findings sums them.
with

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

contract_months as (
    select * from {{ ref('int_contract_months') }}
),

closed_months as (
    select * from contract_months where is_closed
),

invoice_months as (
    select * from {{ ref('int_invoice_months') }}
),

prices as (
    select * from {{ ref('int_contract_price_schedule') }}
),

seats_monthly as (
    select * from {{ ref('int_account_seats_monthly') }}
),

usage_vs_plan as (
    select * from {{ ref('usage_vs_plan') }}
),

daily_usage as (
    select * from {{ ref('daily_usage') }}
),

billed_months as (
    select
        closed_months.*,
        invoice_months.seats_quantity,
        invoice_months.seats_amount,
        invoice_months.discount_lines,
        invoice_months.discount_amount,
        invoice_months.true_up_quantity
    from closed_months
    inner join invoice_months
        on invoice_months.contract_id = closed_months.contract_id
        and invoice_months.month_start = closed_months.month_start
),

priced_months as (
    select
        billed_months.*,
        billed_months.seat_price * billed_months.seats_quantity - billed_months.seats_amount as shortfall,
        {{ money_text('billed_months.seats_amount / billed_months.seats_quantity') }} as billed_price_text
    from billed_months
    where billed_months.seats_quantity > 0
),

-- months billed at the price of an earlier contract year: the uplift was not applied
uplift_missed_months as (
    select distinct priced_months.contract_id, priced_months.month_start
    from priced_months
    inner join contracts on contracts.contract_id = priced_months.contract_id
    inner join prices
        on prices.contract_id = priced_months.contract_id
        and prices.contract_year < priced_months.contract_year
    where priced_months.contract_year >= 1
        and contracts.annual_uplift_pct > 0
        and abs(priced_months.seats_amount - prices.seat_price * priced_months.seats_quantity)
            <= 0.005 * priced_months.seats_quantity
),

missing_invoice as (
    select
        'missing_invoice' as leak_type,
        closed_months.account_id,
        closed_months.contract_id,
        cast(null as varchar) as metric,
        closed_months.month_start,
        closed_months.list_amount - closed_months.discount_in_force as amount,
        cast(1 as decimal(38, 10)) as units,
        'no invoice for ' || closed_months.month_label
            || ' (expected ' || {{ money_text('closed_months.list_amount - closed_months.discount_in_force') }} || ')'
            as detail
    from closed_months
    left join invoice_months
        on invoice_months.contract_id = closed_months.contract_id
        and invoice_months.month_start = closed_months.month_start
    where invoice_months.contract_id is null
),

seat_count_mismatch as (
    select
        'seat_count_mismatch' as leak_type,
        account_id,
        contract_id,
        cast(null as varchar) as metric,
        month_start,
        {{ cents('(seats_licensed - seats_quantity) * seat_price') }} as amount,
        cast(seats_licensed - seats_quantity as decimal(38, 10)) as units,
        {{ quantity_text('seats_quantity') }} || ' seats billed of ' || cast(seats_licensed as varchar)
            || ' in ' || month_label as detail
    from billed_months
    where seats_quantity < seats_licensed
),

-- billed below p(m): the uplift missed when the price billed is an earlier year's, else a rate mismatch
underbilled as (
    select
        case when uplift_missed_months.contract_id is not null
             then 'renewal_uplift_missed' else 'rate_mismatch' end as leak_type,
        priced_months.account_id,
        priced_months.contract_id,
        cast(null as varchar) as metric,
        priced_months.month_start,
        {{ cents('priced_months.shortfall') }} as amount,
        cast(priced_months.seats_quantity as decimal(38, 10)) as units,
        'billed ' || priced_months.billed_price_text || ' vs contracted '
            || {{ money_text('priced_months.seat_price') }} || ' in ' || priced_months.month_label as detail
    from priced_months
    left join uplift_missed_months
        on uplift_missed_months.contract_id = priced_months.contract_id
        and uplift_missed_months.month_start = priced_months.month_start
    where uplift_missed_months.contract_id is not null
        or priced_months.seats_amount < (priced_months.seat_price - 0.005) * priced_months.seats_quantity
),

overbilled as (
    select
        'overbilled' as leak_type,
        account_id,
        contract_id,
        cast(null as varchar) as metric,
        month_start,
        {{ cents('0 - shortfall') }} as amount,
        cast(seats_quantity as decimal(38, 10)) as units,
        'billed ' || billed_price_text || ' vs contracted ' || {{ money_text('seat_price') }}
            || ' in ' || month_label as detail
    from priced_months
    where seats_amount > (seat_price + 0.005) * seats_quantity
),

expired_discount_applied as (
    select
        'expired_discount_applied' as leak_type,
        account_id,
        contract_id,
        cast(null as varchar) as metric,
        month_start,
        {{ cents('abs(discount_amount)') }} as amount,
        cast(1 as decimal(38, 10)) as units,
        'discount ' || {{ money_text('abs(discount_amount)') }} || ' billed in ' || month_label
            || ' after its end on ' || cast(discount_end_date as varchar) as detail
    from billed_months
    where discount_end_date is not null
        and month_start >= discount_end_date
        and discount_lines > 0
        and discount_amount <> 0
),

discount_overapplied as (
    select
        'discount_overapplied' as leak_type,
        account_id,
        contract_id,
        cast(null as varchar) as metric,
        month_start,
        {{ cents('abs(discount_amount) - discount_in_force') }} as amount,
        cast(1 as decimal(38, 10)) as units,
        'discount ' || {{ money_text('abs(discount_amount)') }} || ' billed vs '
            || {{ money_text('discount_in_force') }} || ' in force in ' || month_label as detail
    from billed_months
    where (discount_end_date is null or month_start < discount_end_date)
        and abs(discount_amount) > discount_in_force + 0.005
),

seat_true_up as (
    select
        'seat_true_up' as leak_type,
        closed_months.account_id,
        closed_months.contract_id,
        cast(null as varchar) as metric,
        closed_months.month_start,
        {{ cents('(seats_monthly.seats_used - closed_months.seats_licensed - coalesce(invoice_months.true_up_quantity, 0)) * closed_months.seat_price') }}
            as amount,
        cast(seats_monthly.seats_used - closed_months.seats_licensed - coalesce(invoice_months.true_up_quantity, 0)
            as decimal(38, 10)) as units,
        cast(seats_monthly.seats_used as varchar) || ' seats used, '
            || cast(closed_months.seats_licensed as varchar) || ' licensed, '
            || {{ quantity_text('coalesce(invoice_months.true_up_quantity, 0)') }} || ' trued up in '
            || closed_months.month_label as detail
    from closed_months
    inner join seats_monthly
        on seats_monthly.account_id = closed_months.account_id
        and seats_monthly.month_start = closed_months.month_start
    left join invoice_months
        on invoice_months.contract_id = closed_months.contract_id
        and invoice_months.month_start = closed_months.month_start
    where closed_months.auto_bill_overages
        and seats_monthly.seats_used > closed_months.seats_licensed + coalesce(invoice_months.true_up_quantity, 0)
),

unbilled_overage as (
    select
        'unbilled_overage' as leak_type,
        account_id,
        contract_id,
        metric,
        month_start,
        expected_overage_amount - billed_overage_amount as amount,
        cast(overage_units as decimal(38, 10)) as units,
        {{ quantity_text('usage_quantity') }} || ' ' || metric || ' used, '
            || {{ quantity_text('included_units') }} || ' included, '
            || {{ money_text('billed_overage_amount') }} || ' billed of '
            || {{ money_text('expected_overage_amount') }} || ' in ' || month_label as detail
    from usage_vs_plan
    where is_closed
        and expected_overage_amount - billed_overage_amount > 0.005
),

expansion_opportunity as (
    select
        'expansion_opportunity' as leak_type,
        contract_months.account_id,
        contract_months.contract_id,
        cast(null as varchar) as metric,
        contract_months.month_start,
        {{ cents('(seats_monthly.seats_used - contract_months.seats_licensed) * contract_months.seat_price * 12') }}
            as amount,
        cast(seats_monthly.seats_used - contract_months.seats_licensed as decimal(38, 10)) as units,
        cast(seats_monthly.seats_used as varchar) || ' used vs ' || cast(contract_months.seats_licensed as varchar)
            || ' licensed in ' || contract_months.month_label as detail
    from contract_months
    inner join seats_monthly
        on seats_monthly.account_id = contract_months.account_id
        and seats_monthly.month_start = contract_months.month_start
    where not contract_months.auto_bill_overages
        and contract_months.month_index = {{ month_index(as_of()) }} - 1
        and seats_monthly.seats_used > contract_months.seats_licensed
),

renewal_at_risk as (
    select
        'renewal_at_risk' as leak_type,
        contracts.account_id,
        contracts.contract_id,
        cast(null as varchar) as metric,
        contracts.end_month as month_start,
        {{ cents('contracts.seats_licensed * prices.seat_price * 12') }} as amount,
        cast(contracts.seats_licensed as decimal(38, 10)) as units,
        'renews ' || cast(contracts.end_date as varchar) || ', last CSM contact '
            || coalesce(cast(accounts.last_csm_contact_date as varchar), 'never')
            || ', renewal at ' || {{ money_text('prices.seat_price') }} || ' per seat' as detail
    from contracts
    left join accounts on accounts.account_id = contracts.account_id
    inner join prices
        on prices.contract_id = contracts.contract_id
        and prices.contract_year = {{ whole_years('contracts.start_month_index', 'contracts.end_month_index + 1') }}
    where contracts.end_date > {{ as_of() }}
        and contracts.end_date <= {{ add_days(as_of(), var('renewal_window_days')) }}
        and (accounts.last_csm_contact_date is null
            or accounts.last_csm_contact_date < {{ add_days(as_of(), -var('csm_contact_window_days')) }})
),

usage_windows as (
    select
        account_id,
        metric,
        sum(case when usage_date >= {{ add_days(as_of(), -27) }} then quantity else 0 end) as last_28,
        sum(case when usage_date < {{ add_days(as_of(), -27) }} then quantity else 0 end) as prev_28
    from daily_usage
    where usage_date between {{ add_days(as_of(), -55) }} and {{ as_of() }}
    group by account_id, metric
),

declining_metrics as (
    select * from usage_windows
    where prev_28 >= {{ var('usage_decline_min_prev') }}
        and last_28 <= {{ var('usage_decline_ratio') }} * prev_28
),

arr_in_force as (
    select
        contract_months.account_id,
        sum(contract_months.seats_licensed * contract_months.seat_price * 12) as arr,
        max(contract_months.currency) as currency
    from contract_months
    inner join contracts on contracts.contract_id = contract_months.contract_id
    where contract_months.month_index = {{ month_index(as_of()) }}
        and contracts.start_date <= {{ as_of() }}
        and contracts.end_date >= {{ as_of() }}
    group by contract_months.account_id
),

-- an account-level finding is in the currency of the account's contracts
account_currencies as (
    select account_id, max(currency) as currency
    from contracts
    group by account_id
),

usage_decline as (
    select
        'usage_decline' as leak_type,
        declining_metrics.account_id,
        cast(null as varchar) as contract_id,
        cast(null as varchar) as metric,
        {{ month_start(as_of()) }} as month_start,
        {{ cents('coalesce(max(arr_in_force.arr), 0)') }} as amount,
        cast(count(*) as decimal(38, 10)) as units,
        listagg(declining_metrics.metric || ' fell from ' || {{ quantity_text('declining_metrics.prev_28') }}
            || ' to ' || {{ quantity_text('declining_metrics.last_28') }}, '; ')
            within group (order by declining_metrics.metric) as detail
    from declining_metrics
    left join arr_in_force on arr_in_force.account_id = declining_metrics.account_id
    group by declining_metrics.account_id
),

handoff_incomplete as (
    select
        'handoff_incomplete' as leak_type,
        account_id,
        contract_id,
        cast(null as varchar) as metric,
        start_month as month_start,
        cast(0 as decimal(38, 2)) as amount,
        cast(0 as decimal(38, 10)) as units,
        'handoff fields missing: '
            || case when champion_name is null then 'champion_name ' else '' end
            || case when technical_scope is null then 'technical_scope ' else '' end
            || case when closed_rate_note is null then 'closed_rate_note' else '' end as detail
    from contracts
    where start_date between {{ add_days(as_of(), -var('handoff_window_days')) }} and {{ as_of() }}
        and not handoff_complete
),

all_leaks as (
    select * from missing_invoice
    union all select * from seat_count_mismatch
    union all select * from underbilled
    union all select * from overbilled
    union all select * from expired_discount_applied
    union all select * from discount_overapplied
    union all select * from seat_true_up
    union all select * from unbilled_overage
    union all select * from expansion_opportunity
    union all select * from renewal_at_risk
    union all select * from usage_decline
    union all select * from handoff_incomplete
),

final as (
    select
        all_leaks.leak_type,
        all_leaks.account_id,
        all_leaks.contract_id,
        all_leaks.metric,
        all_leaks.month_start,
        {{ month_label('all_leaks.month_start') }} as month_label,
        {{ cents('all_leaks.amount') }} as amount,
        all_leaks.units,
        all_leaks.detail,
        coalesce(contracts.currency, account_currencies.currency, 'USD') as currency
    from all_leaks
    left join contracts on contracts.contract_id = all_leaks.contract_id
    left join account_currencies on account_currencies.account_id = all_leaks.account_id
)

select * from final
