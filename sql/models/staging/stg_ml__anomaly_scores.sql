-- The anomaly score of each contract-month as `leakproof ml score` wrote it (0-100: the
-- percentile among the training months' scores), flagged or not, with the features that drove
-- it. Empty until a model has scored the warehouse.
with

source as (
    select * from {{ source('ml', 'anomaly_scores') }}
),

final as (
    select
        contract_id,
        account_id,
        month_start,
        score,
        coalesce(is_anomaly, false) as is_anomaly,
        coalesce(rule_finding, false) as rule_finding,
        drivers,
        model_id,
        scored_at
    from source
    where contract_id is not null and month_start is not null
)

select * from final
