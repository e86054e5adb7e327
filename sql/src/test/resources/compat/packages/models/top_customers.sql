{#- a package macro whose default argument is SQL text: order_by='count(*) desc' -#}
{{ lp_utils.top_values(ref('orders'), 'customer_id', limit=2) }}
