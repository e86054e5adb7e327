{{ ranked(ref('events'), 'kind', limit=3,) }}
