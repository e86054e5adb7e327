WITH "DIGITS" AS (SELECT "T"."D"
    FROM (VALUES (0),
            (1),
            (2),
            (3),
            (4),
            (5),
            (6),
            (7),
            (8),
            (9)) AS "T" ("D")), "FINAL" AS (SELECT "ONES"."D" + 10 * "TENS"."D" + 100 * "HUNDREDS"."D" + 1000 * "THOUSANDS"."D" AS "N"
    FROM "DIGITS" AS "ONES"
      CROSS JOIN "DIGITS" AS "TENS"
      CROSS JOIN "DIGITS" AS "HUNDREDS"
      CROSS JOIN "DIGITS" AS "THOUSANDS") SELECT "FINAL"."N"
    FROM "FINAL" AS "FINAL"
