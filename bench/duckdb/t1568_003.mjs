// The T1568.003 DNS Calculation detection as DuckDB SQL, for side-by-side benchmarks with
// sumoql. Prints the rows as JSON lines with the same keys, order and number format as
// `sumoql run -f jsonl`, newest first.
//
// Usage: node t1568_003.mjs EVENTS.jsonl [THREADS]

import { DuckDBInstance } from '@duckdb/node-api';

const [eventsPath, threads = '2'] = process.argv.slice(2);

const sql = `
WITH events AS (
  SELECT *
  FROM read_json($path, format = 'newline_delimited', columns = {
    _sourceCategory: 'VARCHAR', EventID: 'VARCHAR', EventCode: 'VARCHAR',
    metadata_deviceEventId: 'VARCHAR', UtcTime: 'VARCHAR', Computer: 'VARCHAR', "User": 'VARCHAR',
    Image: 'VARCHAR', CommandLine: 'VARCHAR', DestinationHostname: 'VARCHAR',
    DestinationIp: 'VARCHAR', DestinationPort: 'VARCHAR'
  })
  WHERE (lower(_sourceCategory) LIKE '%windows%sysmon%' OR lower(_sourceCategory) LIKE '%endpoint%network%')
    AND (EventID = '3' OR EventCode = '3' OR metadata_deviceEventId = 'sysmon:3')
),
candidates AS (
  SELECT *,
    TRY_CAST(DestinationPort AS DOUBLE) AS dst_port,
    TRY_CAST(NULLIF(regexp_extract(DestinationIp, '^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.', 1), '') AS DOUBLE) AS o1,
    TRY_CAST(NULLIF(regexp_extract(DestinationIp, '^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.', 2), '') AS DOUBLE) AS o2,
    TRY_CAST(NULLIF(regexp_extract(DestinationIp, '^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.', 3), '') AS DOUBLE) AS o3
  FROM events
  WHERE NOT (DestinationIp LIKE '10.%' OR DestinationIp LIKE '192.168.%' OR DestinationIp LIKE '127.%'
             OR DestinationIp LIKE '169.254.%'
             OR regexp_matches(DestinationIp, '^172\\.(1[6-9]|2[0-9]|3[01])\\.'))
),
matches AS (
  SELECT *, o1 * o2 + o3 AS calc_apt12, o1 * (o2 + o3) AS calc_variant
  FROM candidates
  WHERE dst_port BETWEEN 4096 AND 49151
    AND dst_port NOT IN (8080, 8443, 8000, 8888, 9090, 9200, 9300, 9418, 27017, 27018, 28017)
    AND o1 IS NOT NULL AND o2 IS NOT NULL AND o3 IS NOT NULL
)
SELECT
  epoch_ms(strptime(UtcTime, '%Y-%m-%d %H:%M:%S.%g')) AS _messageTime,
  Computer, "User", Image, CommandLine, DestinationHostname, DestinationIp,
  dst_port, o1, o2, o3, calc_apt12, calc_variant,
  CASE WHEN dst_port = calc_apt12 AND dst_port = calc_variant THEN 'Both formulas'
       WHEN dst_port = calc_apt12 THEN 'APT12: (oct1*oct2)+oct3'
       ELSE 'Variant: oct1*(oct2+oct3)' END AS matched_formula
FROM matches
WHERE (dst_port = calc_apt12 OR dst_port = calc_variant)
  AND NOT (Image LIKE '%\\svchost.exe' OR Image LIKE '%\\lsass.exe' OR Image LIKE '%\\services.exe')
ORDER BY _messageTime DESC
`;

const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql, { path: eventsPath });

const names = reader.columnNames();
const lines = [];
for (const row of reader.getRows()) {
  const event = {};
  names.forEach((name, index) => {
    const value = row[index];
    event[name] = typeof value === 'bigint' ? Number(value) : value;
  });
  lines.push(JSON.stringify(event));
}
process.stdout.write(lines.length ? lines.join('\n') + '\n' : '');
