#!/usr/bin/env python3
"""Writes deterministic Sysmon-like NDJSON events for benchmarks.

Most events are network connections (EventID 3) with a mix of private and public
destinations, common and random ports, service and user images, and a few other
event IDs. About one event in 5,000 is planted to match the T1568.003 detection:
its destination port is computed from the first three octets of its address.
Each event is 700 to 900 bytes. The same seed and count give the same bytes.

Usage: generate_sysmon.py [--seed N] [--count N] > events.jsonl
"""

import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone

SERVICE_IMAGES = [
    "C:\\Windows\\System32\\svchost.exe",
    "C:\\Windows\\System32\\lsass.exe",
    "C:\\Windows\\System32\\services.exe",
]
USER_IMAGES = [
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files\\Mozilla Firefox\\firefox.exe",
    "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
    "C:\\Users\\alice\\AppData\\Local\\Programs\\Python\\Python311\\python.exe",
    "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
]
COMMON_PORTS = [53, 80, 123, 389, 443, 445, 3389, 5985, 8080, 8443]
OTHER_EVENT_IDS = [1, 5, 7, 10, 11, 13, 22]


def private_address(rng):
    choice = rng.randrange(4)
    if choice == 0:
        return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    if choice == 1:
        return f"172.{rng.randrange(16, 32)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    if choice == 2:
        return f"192.168.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    return f"127.0.0.{rng.randrange(1, 255)}"


def public_address(rng):
    while True:
        first = rng.randrange(1, 224)
        if first not in (10, 127, 169, 172, 192):
            return f"{first}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def planted_destination(rng):
    """Returns an address and port that satisfy one of the detection's formulas."""
    while True:
        o1, o2, o3 = rng.randrange(20, 224), rng.randrange(20, 200), rng.randrange(1, 255)
        if o1 in (127, 169, 172, 192):
            continue
        port = o1 * o2 + o3 if rng.random() < 0.5 else o1 * (o2 + o3)
        excluded = {8080, 8443, 8000, 8888, 9090, 9200, 9300, 9418, 27017, 27018, 28017}
        if 4096 <= port <= 49151 and port not in excluded:
            return f"{o1}.{o2}.{o3}.{rng.randrange(1, 255)}", port


def make_event(rng, index, start):
    time = start + timedelta(milliseconds=index * 37 + rng.randrange(37))
    event_id = 3 if rng.random() < 0.9 else rng.choice(OTHER_EVENT_IDS)
    planted = index % 5000 == 2500
    image = rng.choice(USER_IMAGES if planted or rng.random() < 0.6 else SERVICE_IMAGES)

    if planted:
        event_id = 3
        destination, port = planted_destination(rng)
    elif rng.random() < 0.5:
        destination, port = private_address(rng), rng.choice(COMMON_PORTS)
    else:
        destination = public_address(rng)
        port = rng.choice(COMMON_PORTS) if rng.random() < 0.7 else rng.randrange(1024, 65536)

    host = f"WS-{rng.randrange(1000):04d}.corp.example.com"
    user = f"CORP\\user{rng.randrange(500):03d}"
    event = {
        "_sourceCategory": "prod/windows/sysmon",
        "EventID": event_id,
        "UtcTime": time.strftime("%Y-%m-%d %H:%M:%S.") + f"{time.microsecond // 1000:03d}",
        "Computer": host,
        "User": user,
        "Channel": "Microsoft-Windows-Sysmon/Operational",
        "ProcessGuid": "{%08x-%04x-%04x-%04x-%012x}" % (rng.getrandbits(32), rng.getrandbits(16),
                                                        rng.getrandbits(16), rng.getrandbits(16),
                                                        rng.getrandbits(48)),
        "ProcessId": str(rng.randrange(100, 20000)),
        "Image": image,
        "CommandLine": f"\"{image}\" --task {rng.getrandbits(40):010x}",
        "Protocol": "tcp",
        "Initiated": "true",
        "SourceIsIpv6": "false",
        "SourceIp": f"10.20.{rng.randrange(256)}.{rng.randrange(1, 255)}",
        "SourceHostname": host,
        "SourcePort": str(rng.randrange(49152, 65536)),
        "DestinationIsIpv6": "false",
        "DestinationIp": destination,
        "DestinationHostname": "-",
        "DestinationPort": port,
        "RuleName": "-",
    }
    line = json.dumps(event, separators=(",", ":"))
    # Pad with a Message field so that every event is 700 to 900 bytes long.
    target = rng.randrange(700, 901)
    padding = max(0, target - len(line) - len(',"Message":""'))
    event["Message"] = "Network connection detected: " + "x" * max(0, padding - 29)
    return json.dumps(event, separators=(",", ":"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1568003)
    parser.add_argument("--count", type=int, default=1_000_000)
    arguments = parser.parse_args()

    rng = random.Random(arguments.seed)
    start = datetime(2024, 5, 1, tzinfo=timezone.utc)
    out = sys.stdout
    for index in range(arguments.count):
        out.write(make_event(rng, index, start))
        out.write("\n")


if __name__ == "__main__":
    main()
