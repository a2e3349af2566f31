#!/usr/bin/env python3
"""Measure how much of a corpus of published Sumo Logic queries sumoql parses and runs.

Runs `sumoql check --format json` over every `*.sumo` file of the corpus. Then it runs each query
that uses no unsupported construct with `sumoql run`, on an empty input and on a small synthetic
input, with a small generated CSV file for each lookup table that the query reads. The figures,
what each run gets and every failure go to a Markdown report, docs/coverage.md by default.

Usage: tools/coverage.py [--sumoql build/sumoql] [--corpus DIR] [--output docs/coverage.md]
"""

import argparse
import collections
import csv
import json
import pathlib
import re
import subprocess
import sys
import tempfile

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPOSITORY.parent / "shared" / "corpus" / "public-queries"

# The severity word and optional stable code that start an error message on stderr, as in
# `q.sumo:1:5: error SQ4001: ...` or `sumoql: error: ...`.
ERROR_LINE = re.compile(r": error(?: SQ\d+)?: ")

# Seconds one run may take before it counts as failed.
RUN_TIMEOUT = 60

# Files checked per `sumoql check` call, to stay well under the command-line length limit.
CHECK_BATCH = 200

# Mistakes in the published text of corpus queries, which sumoql rightly rejects.
KNOWN_DEFECTS = {
    "0016.sumo": "published typo: `asmodule` for `as module`",
    "0102.sumo": "curly quotes in place of double quotes",
    "0165.sumo": "curly quotes in place of double quotes",
    "0173.sumo": "unbalanced parenthesis",
    "0185.sumo": "`jobState=InQueue` as a pipe stage",
    "0195.sumo": "escaped quotes outside a string",
    "0210.sumo": "stray backtick after the scope",
    "0494.sumo": "a parameter that stands for an operator and a value",
    "0054.sumo": "the tab that the docs tell readers to type in `delim='\\t'` became four spaces",
    "0059.sumo": "a stray `\"` after the alias",
    "0737.sumo": "`count by _timeslice` before the `timeslice` stage, which then has no `_messageTime`",
    "0746.sumo": "`sum by _timeslice` before the `timeslice` stage, which then has no `_messageTime`",
}

# Forms that sumoql does not accept yet, or that Sumo Logic does not document, by file.
UNSUPPORTED_FORMS = {
    "0033.sumo": "`json auto keys` with placeholder keys",
    "0461.sumo": "`sort` without a field",
    "0727.sumo": "several `expr as field` assignments in one stage",
    "0738.sumo": "a comparison (`>=`) in the search expression",
    "0745.sumo": "a quoted field name without `%` in the search expression",
    "0744.sumo": "`lookup` without `from`, a form that neither lookup page documents",
    "0631.sumo": "`int()`, which is not among Sumo Logic's documented casts (`num`, `number`, `toLong`)",
    "0479.sumo": "`$['actor']*['.tag']`, a JSON path form that the json page does not document",
    "0492.sumo": "lookahead `(?=...)`, which Java regexes have and RE2 does not",
    "0667.sumo": "lookahead `(?=...)`, which Java regexes have and RE2 does not",
    "0123.sumo": "a fragment: the formatDate page follows it with the full query, which adds `as`",
    "0501.sumo": "`on Decimal=Protocol_val` puts the table column on the left, where the lookup pages put the event field",
    "0505.sumo": "a JSONPath filter `[?(@.isFinal == true)]`, which the json page counts as supported and sumoql does not run",
    "0183.sumo": "`json keys`, which only the LogReduce pages show; the query also uses `logreduce`",
    "0207.sumo": "`json keys`, which only the LogReduce pages show; the query also uses `logreduce`",
    "0208.sumo": "`json keys`, which only the LogReduce pages show; the query also uses `logreduce`",
}
for name in ("0366.sumo", "0367.sumo", "0383.sumo", "0447.sumo", "0451.sumo", "0452.sumo"):
    UNSUPPORTED_FORMS[name] = "several pattern and alias pairs in one `parse`"
for name in ("0675.sumo", "0676.sumo", "0677.sumo", "0678.sumo", "0679.sumo", "0681.sumo"):
    UNSUPPORTED_FORMS[name] = "several path and alias pairs in one `json`"

# A lookup stage: its output columns, its table and its `on` list, which ends at the next pipe.
LOOKUP_STAGE = re.compile(
    r'\blookup\s+(?P<columns>\*|[\w.]+(?:\s+as\s+[\w.]+)?(?:\s*,\s*[\w.]+(?:\s+as\s+[\w.]+)?)*)'
    r'\s+from\s+(?P<table>path://"[^"]*"|\S+)\s+on\s+(?P<joins>[^|]*)',
    re.IGNORECASE)

# `cat TABLE` at the start of a query, after any comment lines.
CAT_SOURCE = re.compile(r'\A(?:\s*//[^\n]*\n)*\s*cat\s+(?P<table>path://"[^"]*"|\$\$\w+|\{\{\w+\}\}|[a-z]+://\S+)',
                        re.IGNORECASE)

# A template parameter that stands for a whole table, as in `lookup * from $$table on ...`.
TABLE_PARAMETER = re.compile(r'^(?:\$\$(?P<dollar>\w+)|\{\{(?P<braces>\w+)\}\})$')

# Words that the rest of a query names and that are not table columns.
NOT_COLUMNS = {
    "and", "as", "asc", "by", "count", "desc", "false", "fields", "first", "if", "in", "last", "limit",
    "matches", "max", "min", "not", "nodrop", "on", "or", "sort", "sum", "avg", "timeslice", "true", "where",
}

# Events with the metadata and fields that published queries use most. Values are text, as
# JSON log fields are.
SYNTHETIC_EVENTS = [
    {
        "_messageTime": 1714560000000,
        "_sourceCategory": "prod/web/access",
        "_sourceHost": "web-1",
        "_source": "access",
        "_collector": "collector-1",
        "_raw": "2024-05-01 10:00:00 INFO user=alice src_ip=10.0.0.1 status=200 bytes=512 action=login",
        "user": "alice",
        "src_ip": "10.0.0.1",
        "status": "200",
        "bytes": "512",
    },
    {
        "_messageTime": 1714560060000,
        "_sourceCategory": "aws/cloudtrail",
        "_sourceHost": "cloudtrail",
        "_raw": json.dumps({
            "eventName": "ConsoleLogin",
            "eventSource": "signin.amazonaws.com",
            "sourceIPAddress": "203.0.113.7",
            "userIdentity": {"type": "IAMUser", "userName": "bob"},
            "responseElements": {"ConsoleLogin": "Failure"},
        }),
    },
    {
        "_messageTime": 1714560120000,
        "_sourceCategory": "prod/app",
        "_raw": "ERROR request failed status=500 latency=1.5s",
        "status": "500",
        "level": "ERROR",
    },
]


def table_name(text):
    """Return the name that `--lookup` maps for a table as a query writes it."""
    if text.startswith('path://"'):
        return text[len('path://"'):-1]
    return text


def is_hosted(text):
    """Return True for a table with a scheme such as geo:// that only a Sumo Logic tenant has."""
    scheme = text.split("://", 1)[0].lower() if "://" in text else None
    return scheme is not None and scheme not in ("path", "http", "https")


def named_fields(text):
    """Return the field names that a stretch of query text uses, outside strings and calls."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', " ", text)
    text = re.sub(r"//[^\n]*", " ", text)
    names = []
    for found in re.finditer(r"(?<![\w.%])([A-Za-z][\w.]*)(?![\w.])(?!\s*\()", text):
        name = found.group(1)
        if name.lower() not in NOT_COLUMNS and name not in names:
            names.append(name)
    return names


def lookup_tables(query):
    """Return the tables that a query reads, as {table text: [columns]}, and whether it starts with cat.

    The columns are a lookup's output columns and the right side of each `field=column` of its
    `on` list. For `lookup *` and for `cat`, whose columns the query does not list, they are the
    join columns and the field names that the rest of the query uses.
    """
    tables = collections.defaultdict(list)

    def add(table, columns):
        for column in columns:
            if column not in tables[table]:
                tables[table].append(column)

    for stage in LOOKUP_STAGE.finditer(query):
        table = stage.group("table")
        if is_hosted(table):
            continue
        joins = [join.split("=")[-1].strip() for join in re.split(r",|\band\b", stage.group("joins"), flags=re.I)]
        add(table, [join for join in joins if join])
        if stage.group("columns") == "*":
            add(table, named_fields(query[stage.end():]) or ["name"])
        else:
            add(table, [column.split()[0] for column in stage.group("columns").split(",")])

    cat = CAT_SOURCE.match(query)
    if cat and not is_hosted(cat.group("table")):
        add(cat.group("table"), named_fields(query[cat.end():]) or ["id", "name"])
    return tables, cat is not None


def table_rows(columns):
    """Return two CSV rows for `columns`: epoch milliseconds in time columns, `column-N` text elsewhere."""
    rows = []
    for number in (1, 2):
        rows.append([str(1714560000000 + number * 60000) if "time" in column.lower() else f"{column}-{number}"
                     for column in columns])
    return rows


def write_tables(folder, tables):
    """Write a CSV file for each table and return the run options that map them, with table parameters."""
    options = []
    for index, (table, columns) in enumerate(sorted(tables.items())):
        path = folder / f"table{index}.csv"
        with path.open("w", newline="", encoding="utf-8") as output:
            writer = csv.writer(output)
            writer.writerow(columns)
            writer.writerows(table_rows(columns))

        parameter = TABLE_PARAMETER.match(table)
        if parameter:
            name = parameter.group("dollar") or parameter.group("braces")
            library_path = f"/Library/coverage/{name}"
            options += ["--param", f'{name}=path://"{library_path}"', "--lookup", f"{library_path}={path}"]
        else:
            options += ["--lookup", f"{table_name(table)}={path}"]
    return options


def check_corpus(sumoql, files):
    """Return the diagnostics of `sumoql check --format json`, as lists keyed by file name."""
    diagnostics = collections.defaultdict(list)
    for start in range(0, len(files), CHECK_BATCH):
        batch = [str(path) for path in files[start:start + CHECK_BATCH]]
        result = subprocess.run([sumoql, "check", "--format", "json", *batch],
                                capture_output=True, text=True, check=False)
        if result.returncode not in (0, 1):
            sys.exit(f"sumoql check failed with exit code {result.returncode}: {result.stderr.strip()}")
        for line in result.stdout.splitlines():
            diagnostic = json.loads(line)
            diagnostics[pathlib.Path(diagnostic["file"]).name].append(diagnostic)
    return diagnostics


# Values for an unquoted template parameter in a place where `*` is invalid: the word or operator
# before it, and the value.
PARAMETER_CONTEXTS = [
    (re.compile(r"\blimit\s*$", re.IGNORECASE), "10"),
    (re.compile(r"\btimeslice\s*$", re.IGNORECASE), "15m"),
    (re.compile(r"\bmatches\s*$", re.IGNORECASE), '"*"'),
    (re.compile(r"(?:<|>|<=|>=)\s*$"), "0"),
]


def parameter_value(query, name):
    """Return the value for the template parameter `name`: by the context of its first use, or `*`."""
    use = re.search(r"\{\{%s\}\}|\$\$%s\b|<%s>" % ((re.escape(name),) * 3), query)
    if use is None:
        return "*"
    before = query[:use.start()]
    line_start = before.rfind("\n") + 1
    line_end = query.find("\n", use.end())
    rest_of_line = query[use.end():] if line_end < 0 else query[use.end():line_end]
    if not query[line_start:use.start()].strip() and re.fullmatch(r"\s*(?://.*)?", rest_of_line):
        # Alone on its line, a parameter stands for an optional filter, which may be empty.
        return ""
    for context, value in PARAMETER_CONTEXTS:
        if context.search(before):
            return value
    return "*"


def parameter_options(query, diagnostics, table_options):
    """Return `--param NAME=VALUE` for each parameter that the check found without a value and that
    `table_options` does not already fill with a table."""
    names = sorted({d["construct"] for d in diagnostics if d["kind"] == "parameter"})
    options = []
    for name in names:
        if f"--param {name}=" not in " ".join(table_options):
            options += ["--param", f"{name}={parameter_value(query, name)}"]
    return options


def first_error(stderr):
    """Return the first error line of a run's stderr, without the file name and position."""
    for line in stderr.splitlines():
        found = ERROR_LINE.search(line)
        if found:
            return line[found.end():]
    lines = stderr.strip().splitlines()
    return lines[-1] if lines else "no message"


def run_query(sumoql, path, inputs, diagnostics, folder):
    """Run the query on each input and return None when every run succeeds, else the first error.

    The query's lookup tables are written to CSV files in `folder`. A query that starts with
    `cat` runs once, with no input file.
    """
    query = path.read_text(encoding="utf-8")
    tables, starts_with_cat = lookup_tables(query)
    table_options = write_tables(folder, tables)
    options = [*table_options, *parameter_options(query, diagnostics, table_options)]
    for input_path in ([None] if starts_with_cat else inputs):
        command = [sumoql, "run", "-q", "-f", "jsonl", "--threads", "1", *options, str(path)]
        if input_path is not None:
            command.append(str(input_path))
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False,
                                    stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return f"timed out after {RUN_TIMEOUT} s on {input_path.name if input_path else 'the table'}"
        if result.returncode != 0:
            return first_error(result.stderr)
    return None


def generalise(message):
    """Replace quoted names in a message with X, so that messages group by their kind."""
    return re.sub(r"'[^']*'", "'X'", message)


def cell(text):
    """Return `text` safe for a Markdown table cell."""
    return str(text).replace("|", "\\|")


def percent(part, whole):
    return f"{100.0 * part / whole:.1f}%" if whole else "n/a"


def write_report(output, files, diagnostics, run_failures, runnable):
    total = len(files)
    syntax = {f.name: [d for d in diagnostics[f.name] if d["kind"] == "syntax"] for f in files}
    syntax = {name: found for name, found in syntax.items() if found}
    unsupported = {f.name for f in files if any(d["kind"] == "unsupported" for d in diagnostics[f.name])}
    ran = len(runnable) - len(run_failures)

    construct_counts = collections.Counter()
    for f in files:
        for construct in {d["construct"] for d in diagnostics[f.name] if d["kind"] in ("unsupported", "unimplemented")}:
            construct_counts[construct] += 1

    lines = [
        "# Coverage of published Sumo Logic queries",
        "",
        "Generated by `tools/coverage.py` from a corpus of published Sumo Logic log-search queries",
        "(documentation examples, app dashboards, monitors and detections, one query per file, kept",
        "exactly as published). Regenerate it with `python3 tools/coverage.py` after a build.",
        "",
        "| measure | queries | share |",
        "|---|--:|--:|",
        f"| queries in the corpus | {total} | |",
        f"| no syntax error in `sumoql check` | {total - len(syntax)} | {percent(total - len(syntax), total)} |",
        f"| use an unsupported construct (hosted data or service, Library) | {len(unsupported)} | "
        f"{percent(len(unsupported), total)} |",
        f"| of the others, run without error on an empty and on a synthetic input | {ran} of {len(runnable)} | "
        f"{percent(ran, len(runnable))} |",
        "",
        "## What a run gets",
        "",
        "Each query without an unsupported construct runs with `sumoql run -q -f jsonl --threads 1`.",
        "The script supplies:",
        "",
        "- Inputs: an empty file, then a synthetic file of "
        f"{len(SYNTHETIC_EVENTS)} events (a key=value access log line, a CloudTrail JSON message and an "
        "error line). A query that starts with `cat` runs once, with no input file.",
        "- Template parameters: `--param NAME=*` for each one, except where `*` cannot stand. A",
        "  parameter that stands for a table (`lookup * from $$t`, `cat $$t`) gets",
        "  `path://\"/Library/coverage/NAME\"`. One written without quotes after `limit` gets `10`,",
        "  after `timeslice` `15m`, after `matches` `\"*\"`, and after `<`, `>`, `<=` or `>=` `0`. One",
        "  that stands alone on its line, where dashboards put an optional filter, gets an empty value.",
        "- Lookup tables: for each table that the query reads with `lookup` or `cat`, written as",
        "  `path://\"...\"`, an `https://` address or a saved-table name such as `shared/partners`, a",
        "  CSV file mapped with `--lookup TABLE=FILE`. Its header holds the lookup's output columns and",
        "  the column side (the right) of each `field=column` pair of its `on` list. For `lookup *` and",
        "  `cat`, which list no columns, the header holds the join columns and the field names that the",
        "  rest of the query uses. Each file has two rows: the text `COLUMN-1` and `COLUMN-2`, or epoch",
        "  milliseconds in a column whose name contains `time`. Hosted tables such as `geo://location`",
        "  count as unsupported and get no file.",
        "",
        "A query passes when every run exits with code 0. An unsupported construct is one that needs",
        "Sumo Logic's hosted data or tables, a service whose computation is not published, or the",
        "Library (`sumoql check` kind `unsupported`). Operators that could run on local files but that",
        "sumoql does not implement, and subqueries, count among the queries that should run.",
        "",
        "## Syntax errors",
        "",
        "The first syntax error of each query. A note says whether the published text is wrong or",
        "uses a form that sumoql does not accept.",
        "",
        "| file | position | message | note |",
        "|---|---|---|---|",
    ]
    for name in sorted(syntax):
        found = syntax[name][0]
        note = KNOWN_DEFECTS.get(name) or UNSUPPORTED_FORMS.get(name, "")
        lines.append(f"| {name} | {found['line']}:{found['column']} | {cell(found['message'])} | {cell(note)} |")

    lines += ["", "## Unsupported and unimplemented constructs", "",
              "Queries that use each construct that sumoql parses but does not run.", "",
              "| construct | queries |", "|---|--:|"]
    for construct, count in construct_counts.most_common():
        lines.append(f"| `{construct}` | {count} |")

    noted = sorted(name for name in run_failures if name not in syntax
                   and (name in KNOWN_DEFECTS or name in UNSUPPORTED_FORMS))
    if noted:
        lines += ["", "## Notes on failing queries", "",
                  "Queries without a syntax error that fail to run because the published text is wrong, uses",
                  "a form that Sumo Logic does not document, or needs what RE2 cannot do.", "",
                  "| file | note |", "|---|---|"]
        for name in noted:
            lines.append(f"| {name} | {cell(KNOWN_DEFECTS.get(name) or UNSUPPORTED_FORMS[name])} |")

    reasons = collections.Counter(generalise(message) for message in run_failures.values())
    examples = collections.defaultdict(list)
    for name, message in sorted(run_failures.items()):
        examples[generalise(message)].append(name)
    lines += ["", "## Run failures", "",
              "Why the queries without an unsupported construct failed to run, most frequent first.", "",
              "| reason | queries | files |", "|---|--:|---|"]
    for reason, count in reasons.most_common():
        listed_files = ", ".join(examples[reason][:8]) + (", ..." if len(examples[reason]) > 8 else "")
        lines.append(f"| {cell(reason)} | {count} | {listed_files} |")

    output.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sumoql", default=str(REPOSITORY / "build" / "sumoql"), help="the sumoql binary")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of *.sumo query files")
    parser.add_argument("--output", default=str(REPOSITORY / "docs" / "coverage.md"), help="report to write")
    arguments = parser.parse_args()

    files = sorted(pathlib.Path(arguments.corpus).glob("*.sumo"))
    if not files:
        sys.exit(f"no *.sumo files in {arguments.corpus}; give the corpus folder with --corpus")

    diagnostics = check_corpus(arguments.sumoql, files)

    with tempfile.TemporaryDirectory() as folder:
        empty = pathlib.Path(folder) / "empty.jsonl"
        empty.write_text("")
        synthetic = pathlib.Path(folder) / "synthetic.jsonl"
        synthetic.write_text("".join(json.dumps(event) + "\n" for event in SYNTHETIC_EVENTS))

        runnable = [f for f in files if not any(d["kind"] == "unsupported" for d in diagnostics[f.name])]
        run_failures = {}
        for path in runnable:
            tables = pathlib.Path(folder) / path.stem
            tables.mkdir()
            error = run_query(arguments.sumoql, path, [empty, synthetic], diagnostics[path.name], tables)
            if error is not None:
                run_failures[path.name] = error

    write_report(pathlib.Path(arguments.output), files, diagnostics, run_failures, runnable)
    print(f"wrote {arguments.output}")


if __name__ == "__main__":
    main()
