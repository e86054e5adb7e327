{{ select_as(ref('events'),
    event_id='id',
    gross=sum_of('amount', 'fee'),
    net=rounded('amount * 0.8', places=1),
    kind_upper="upper(kind)",
) }}
