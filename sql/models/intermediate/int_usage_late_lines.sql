-- Usage lines that arrived after their month closed for billing: one row per late line, an
-- original event or a correction, with the quantity it adds to its event (its delta). An
-- event's lines are the original and its accepted corrections in arrival order; a line's delta
-- is its quantity less the quantity of the line before it (0 before the original), so an event's
-- deltas add up to its effective quantity. The month is the original's (spec section 2: late
-- events are assigned by occurred_at), and it closes at the first day of the next month, 00:00
-- UTC, plus var('billing_close_days'); a line received after that instant is late. Findings
-- still count every line in its month: only billing treats late lines apart (billing_usage,
-- late_usage_corrections). Late lines are few, so only late originals and the chains of
-- corrected events are read closely.
with

events as (
    select * from {{ ref('stg_product__usage_events') }}
),

workspaces as (
    select * from {{ ref('stg_product__workspaces') }}
),

originals as (
    select
        event_id,
        workspace_id,
        metric,
        occurred_date,
        {{ month_start('occurred_date') }} as usage_month,
        quantity,
        received_at,
        arrival_seq
    from events
    where not is_correction
),

corrections as (
    select event_id, corrects_event_id, quantity, received_at, arrival_seq
    from events
    where is_correction
),

-- an original's delta is its own quantity
late_originals as (
    select
        event_id,
        event_id as line_event_id,
        false as is_correction,
        quantity,
        quantity as delta,
        received_at,
        arrival_seq
    from originals
    where received_at > {{ month_close('usage_month') }}
),

-- the lines of every corrected event: the original, then its corrections
chains as (
    select
        originals.event_id,
        originals.event_id as line_event_id,
        false as is_correction,
        originals.quantity,
        originals.received_at,
        originals.arrival_seq
    from originals
    where originals.event_id in (select corrects_event_id from corrections)
    union all
    select
        corrects_event_id as event_id,
        event_id as line_event_id,
        true as is_correction,
        quantity,
        received_at,
        arrival_seq
    from corrections
),

chain_deltas as (
    select
        chains.*,
        chains.quantity - coalesce(lag(chains.quantity) over (partition by chains.event_id order by chains.arrival_seq), 0)
            as delta
    from chains
),

late_corrections as (
    select
        chain_deltas.event_id,
        chain_deltas.line_event_id,
        chain_deltas.is_correction,
        chain_deltas.quantity,
        chain_deltas.delta,
        chain_deltas.received_at,
        chain_deltas.arrival_seq
    from chain_deltas
    inner join originals on originals.event_id = chain_deltas.event_id
    where chain_deltas.is_correction
        and chain_deltas.received_at > {{ month_close('originals.usage_month') }}
),

late_lines as (
    select * from late_originals
    union all
    select * from late_corrections
),

final as (
    select
        workspaces.account_id,
        originals.workspace_id,
        originals.metric,
        late_lines.event_id,
        late_lines.line_event_id,
        late_lines.is_correction,
        originals.occurred_date,
        originals.usage_month,
        {{ month_close('originals.usage_month') }} as closes_at,
        late_lines.received_at,
        cast(late_lines.received_at as date) as received_date,
        late_lines.arrival_seq,
        late_lines.quantity,
        late_lines.delta
    from late_lines
    inner join originals on originals.event_id = late_lines.event_id
    inner join workspaces on workspaces.workspace_id = originals.workspace_id
)

select * from final
