-- The invoice error rate per closed billing month (the invoices' period_start month): the share of
-- the month's invoices with at least one billing error (macro billing_error_types).
-- A finding is per contract and month over all the month's non-void invoices (spec section 3), so
-- it marks each of them; the months come from int_leak_months, not from a finding's
-- period_start..period_end, which spans months without the error. A missing invoice has no
-- invoice to mark: it counts as one expected invoice, in error, so the worst billing error raises
-- the rate instead of vanishing from it. error_rate = invoices_with_errors / invoices_expected,
-- where invoices_expected = invoices (non-void) + missing_invoices. Open months are left out:
-- their findings are not computed yet.
with

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
    where not is_void
),

billing_errors as (
    select * from {{ ref('int_leak_months') }}
    where leak_type in ({{ billing_error_types() }})
),

-- which billing errors each contract's month has, other than a missing invoice
error_months as (
    select
        contract_id,
        month_start,
        max(case when leak_type = 'seat_count_mismatch' then 1 else 0 end) as seat_count_mismatch,
        max(case when leak_type = 'unbilled_overage' then 1 else 0 end) as unbilled_overage,
        max(case when leak_type = 'seat_true_up' then 1 else 0 end) as seat_true_up,
        max(case when leak_type = 'rate_mismatch' then 1 else 0 end) as rate_mismatch,
        max(case when leak_type = 'renewal_uplift_missed' then 1 else 0 end) as renewal_uplift_missed,
        max(case when leak_type = 'expired_discount_applied' then 1 else 0 end) as expired_discount_applied,
        max(case when leak_type = 'discount_overapplied' then 1 else 0 end) as discount_overapplied,
        max(case when leak_type = 'overbilled' then 1 else 0 end) as overbilled
    from billing_errors
    where leak_type <> 'missing_invoice'
    group by contract_id, month_start
),

missing as (
    select month_start, count(*) as missing_invoices
    from billing_errors
    where leak_type = 'missing_invoice'
    group by month_start
),

invoiced as (
    select
        invoices.period_month as month_start,
        count(*) as invoices,
        count(error_months.contract_id) as erroneous,
        sum(coalesce(error_months.seat_count_mismatch, 0)) as seat_count_mismatch,
        sum(coalesce(error_months.unbilled_overage, 0)) as unbilled_overage,
        sum(coalesce(error_months.seat_true_up, 0)) as seat_true_up,
        sum(coalesce(error_months.rate_mismatch, 0)) as rate_mismatch,
        sum(coalesce(error_months.renewal_uplift_missed, 0)) as renewal_uplift_missed,
        sum(coalesce(error_months.expired_discount_applied, 0)) as expired_discount_applied,
        sum(coalesce(error_months.discount_overapplied, 0)) as discount_overapplied,
        sum(coalesce(error_months.overbilled, 0)) as overbilled
    from invoices
    left join error_months
        on error_months.contract_id = invoices.contract_id
        and error_months.month_start = invoices.period_month
    group by invoices.period_month
),

months as (
    select month_start from invoiced
    union
    select month_start from missing
),

counted as (
    select
        months.month_start,
        coalesce(invoiced.invoices, 0) as invoices,
        coalesce(missing.missing_invoices, 0) as missing_invoices,
        coalesce(invoiced.erroneous, 0) as erroneous,
        invoiced.seat_count_mismatch,
        invoiced.unbilled_overage,
        invoiced.seat_true_up,
        invoiced.rate_mismatch,
        invoiced.renewal_uplift_missed,
        invoiced.expired_discount_applied,
        invoiced.discount_overapplied,
        invoiced.overbilled
    from months
    left join invoiced on invoiced.month_start = months.month_start
    left join missing on missing.month_start = months.month_start
    where {{ month_end('months.month_start') }} < {{ as_of() }}
),

final as (
    select
        month_start,
        {{ month_label('month_start') }} as month_label,
        invoices,
        missing_invoices,
        invoices + missing_invoices as invoices_expected,
        erroneous + missing_invoices as invoices_with_errors,
        {{ share('erroneous + missing_invoices', 'invoices + missing_invoices') }} as error_rate,
        coalesce(seat_count_mismatch, 0) as with_seat_count_mismatch,
        coalesce(unbilled_overage, 0) as with_unbilled_overage,
        coalesce(seat_true_up, 0) as with_seat_true_up,
        coalesce(rate_mismatch, 0) as with_rate_mismatch,
        coalesce(renewal_uplift_missed, 0) as with_renewal_uplift_missed,
        coalesce(expired_discount_applied, 0) as with_expired_discount_applied,
        coalesce(discount_overapplied, 0) as with_discount_overapplied,
        coalesce(overbilled, 0) as with_overbilled
    from counted
)

select * from final
