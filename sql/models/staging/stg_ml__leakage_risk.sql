-- Each account's leakage risk as `leakproof ml score` wrote it: the probability of a confirmed
-- finding in the next quarter, its band (high >= 0.5, medium >= 0.2, else low) and the features
-- that contributed most. Empty until a model has scored the warehouse.
with

source as (
    select * from {{ source('ml', 'leakage_risk') }}
),

final as (
    select
        account_id,
        probability,
        risk_band,
        drivers,
        last_quarter_findings,
        as_of,
        model_id,
        scored_at
    from source
    where account_id is not null
)

select * from final
