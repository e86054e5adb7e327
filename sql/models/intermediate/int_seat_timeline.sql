-- Seat events per account in (occurred_at, event_id) order with the running count of active
-- users after each: a user is active from 'added' until 'removed'; a repeated 'added' or a
-- 'removed' of an inactive user changes nothing. Each row holds until the next one.
with

seat_events as (
    select * from {{ ref('stg_product__seat_events') }}
),

workspaces as (
    select * from {{ ref('stg_product__workspaces') }}
),

events as (
    select
        seat_events.event_id,
        workspaces.account_id,
        seat_events.user_id,
        seat_events.action,
        seat_events.occurred_at,
        seat_events.occurred_date
    from seat_events
    inner join workspaces on workspaces.workspace_id = seat_events.workspace_id
),

with_previous as (
    select
        events.*,
        lag(action) over (
            partition by account_id, user_id order by occurred_at, event_id
        ) as previous_action
    from events
),

deltas as (
    select
        with_previous.*,
        case
            when action = 'added' and (previous_action is null or previous_action = 'removed') then 1
            when action = 'removed' and previous_action = 'added' then -1
            else 0
        end as delta
    from with_previous
),

final as (
    select
        account_id,
        event_id,
        user_id,
        action,
        occurred_at,
        occurred_date,
        delta,
        sum(delta) over (
            partition by account_id order by occurred_at, event_id
            rows between unbounded preceding and current row
        ) as active_after,
        lead(occurred_date) over (
            partition by account_id order by occurred_at, event_id
        ) as next_occurred_date
    from deltas
)

select * from final
