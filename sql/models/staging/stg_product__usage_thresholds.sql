-- Threshold events from the lake, as the ingestion job raised them (one per account, metric,
-- month and level; the first commit wins should a reloaded lake ever bring one twice).
with

source as (
    select * from {{ source('product', 'usage_thresholds') }}
    {{ lake_as_of_filter() }}
),

ranked as (
    select
        source.*,
        row_number() over (
            partition by account_id, metric, usage_month, level_pct
            order by _lake_committed_at, detected_at
        ) as raised_rank
    from source
),

final as (
    select
        account_id,
        metric,
        usage_month,
        level_pct,
        usage_quantity,
        included_units,
        contract_id,
        plan_id,
        price_version,
        overage_unit_price,
        currency,
        event_id,
        received_at,
        collected_at,
        detected_at,
        account_name,
        csm_email,
        _lake_snapshot_id,
        _lake_committed_at
    from ranked
    where raised_rank = 1
)

select * from final
