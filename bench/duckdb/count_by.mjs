// `| count by KEY` as DuckDB SQL, for side-by-side benchmarks with sumoql. Prints one JSON line
// per group with the same keys and number format as `sumoql run -f jsonl -e '| count by KEY'`:
// the key, then `_count`. Groups come in DuckDB's order, so compare the lines sorted.
//
// Usage: node count_by.mjs EVENTS.jsonl KEY [THREADS]
// KEY is one of the text fields of bench/generate_sysmon.py listed in KEYS.

import { DuckDBInstance } from '@duckdb/node-api';

// Only these names are put into the SQL text, so a key cannot change the statement.
const KEYS = ['DestinationIp', 'Image', 'Computer', 'User', 'ProcessGuid', 'CommandLine', 'SourceIp'];

const [eventsPath, key, threads = '2'] = process.argv.slice(2);
if (!eventsPath || !KEYS.includes(key)) {
  process.stderr.write(`usage: node count_by.mjs EVENTS.jsonl KEY [THREADS], with KEY one of ${KEYS.join(', ')}\n`);
  process.exit(2);
}

// Only the key column is read, as sumoql reads only the fields a query uses.
const sql = `
SELECT "${key}", count(*) AS _count
FROM read_json($path, format = 'newline_delimited', columns = { "${key}": 'VARCHAR' })
GROUP BY "${key}"
`;

const instance = await DuckDBInstance.create(':memory:', { threads });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql, { path: eventsPath });

const lines = [];
for (const [value, count] of reader.getRows()) {
  lines.push(JSON.stringify({ [key]: value, _count: Number(count) }));
}
process.stdout.write(lines.length ? lines.join('\n') + '\n' : '');
