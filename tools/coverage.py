#!/usr/bin/env python3
"""Measure how much of a corpus of published Sumo Logic queries sumoql parses and runs.

Runs `sumoql check --format json` over every `*.sumo` file of the corpus. Then it runs each query
that uses no unsupported construct with `sumoql run`, on an empty input and on a small synthetic
input. The figures and every failure go to a Markdown report, docs/coverage.md by default.

Usage: tools/coverage.py [--sumoql build/sumoql] [--corpus DIR] [--output docs/coverage.md]
"""

import argparse
import collections
import json
import pathlib
import re
import subprocess
import sys
import tempfile

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPOSITORY.parent / "shared" / "corpus" / "public-queries"

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
}

# Forms that sumoql does not accept yet, or that Sumo Logic does not document, by file.
UNSUPPORTED_FORMS = {
    "0033.sumo": "`json auto keys` with placeholder keys",
    "0123.sumo": "a bare call whose argument is not a field, so its result has no place to go",
    "0461.sumo": "`sort` without a field",
    "0727.sumo": "several `expr as field` assignments in one stage",
    "0738.sumo": "a comparison (`>=`) in the search expression",
    "0745.sumo": "a quoted field name without `%` in the search expression",
}
for name in ("0366.sumo", "0367.sumo", "0383.sumo", "0447.sumo", "0451.sumo", "0452.sumo"):
    UNSUPPORTED_FORMS[name] = "several pattern and alias pairs in one `parse`"
for name in ("0675.sumo", "0676.sumo", "0677.sumo", "0678.sumo", "0679.sumo", "0681.sumo"):
    UNSUPPORTED_FORMS[name] = "several path and alias pairs in one `json`"

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


def parameter_options(diagnostics):
    """Return `--param NAME=*` for each parameter that the check found without a value."""
    names = sorted({d["construct"] for d in diagnostics if d["kind"] == "parameter"})
    options = []
    for name in names:
        options += ["--param", f"{name}=*"]
    return options


def first_error(stderr):
    """Return the first error line of a run's stderr, without the file name and position."""
    for line in stderr.splitlines():
        if ": error: " in line:
            return line.split(": error: ", 1)[1]
    lines = stderr.strip().splitlines()
    return lines[-1] if lines else "no message"


def run_query(sumoql, path, inputs, diagnostics):
    """Run the query on each input and return None when every run succeeds, else the first error."""
    for input_path in inputs:
        command = [sumoql, "run", "-q", "-f", "jsonl", "--threads", "1", *parameter_options(diagnostics),
                   str(path), str(input_path)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return f"timed out after {RUN_TIMEOUT} s on {input_path.name}"
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
        f"| use an unsupported construct (hosted data or service, subquery) | {len(unsupported)} | "
        f"{percent(len(unsupported), total)} |",
        f"| of the others, run without error on an empty and on a synthetic input | {ran} of {len(runnable)} | "
        f"{percent(ran, len(runnable))} |",
        "",
        "A run fills each template parameter with `*` (`--param NAME=*`). The synthetic input has "
        f"{len(SYNTHETIC_EVENTS)} events: a key=value access log line, a CloudTrail JSON message and an "
        "error line.",
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
            error = run_query(arguments.sumoql, path, [empty, synthetic], diagnostics[path.name])
            if error is not None:
                run_failures[path.name] = error

    write_report(pathlib.Path(arguments.output), files, diagnostics, run_failures, runnable)
    print(f"wrote {arguments.output}")


if __name__ == "__main__":
    main()
