# The T1568.003 DNS Calculation detection written in jq, for side-by-side benchmarks with
# sumoql. It follows sumoql's semantics: JSON numbers compare as their text, `matches` patterns
# are anchored prefixes here, and rows come out newest first.
# Run with: jq -c -n -f t1568_003.jq events.jsonl

def text: if . == null then null else tostring end;
def number_or_null: if . == null then null else (tostring | tonumber? // null) end;
def message_time:
  (.UtcTime // "") as $time
  | if ($time | length) < 19 then null
    else (($time[0:19] | strptime("%Y-%m-%d %H:%M:%S") | mktime) * 1000
          + (($time[20:23] // "0") | tonumber? // 0))
    end;
def excluded_range:
  (.DestinationIp // null) as $ip
  | $ip != null and (
      ($ip | startswith("10.")) or ($ip | startswith("192.168.")) or ($ip | startswith("127."))
      or ($ip | startswith("169.254."))
      or ([range(16; 32)] | any(. as $n | $ip | startswith("172.\($n)."))));
def excluded_image:
  (.Image // null) as $image
  | $image != null and (
      ($image | endswith("\\svchost.exe")) or ($image | endswith("\\lsass.exe"))
      or ($image | endswith("\\services.exe")));

[ inputs
  | select((._sourceCategory // "" | ascii_downcase) as $category
           | ($category | test("windows.*sysmon")) or ($category | test("endpoint.*network")))
  | select((.EventID | text) == "3" or (.EventCode | text) == "3"
           or (.metadata_deviceEventId | text) == "sysmon:3")
  | select(excluded_range | not)
  | (.DestinationPort | number_or_null) as $port
  | select($port != null and $port >= 4096 and $port <= 49151)
  | select([8080, 8443, 8000, 8888, 9090, 9200, 9300, 9418, 27017, 27018, 28017] | index($port) | not)
  | ((.DestinationIp // "") | capture("^(?<a>\\d{1,3})\\.(?<b>\\d{1,3})\\.(?<c>\\d{1,3})\\.")?) as $octets
  | select($octets != null)
  | ($octets.a | tonumber) as $o1 | ($octets.b | tonumber) as $o2 | ($octets.c | tonumber) as $o3
  | ($o1 * $o2 + $o3) as $apt12 | ($o1 * ($o2 + $o3)) as $variant
  | select($port == $apt12 or $port == $variant)
  | select(excluded_image | not)
  | {
      _messageTime: message_time, Computer, User, Image, CommandLine, DestinationHostname,
      DestinationIp, dst_port: $port, o1: $o1, o2: $o2, o3: $o3, calc_apt12: $apt12,
      calc_variant: $variant,
      matched_formula: (if $port == $apt12 and $port == $variant then "Both formulas"
                        elif $port == $apt12 then "APT12: (oct1*oct2)+oct3"
                        else "Variant: oct1*(oct2+oct3)" end)
    }
]
| sort_by(._messageTime) | reverse | .[]
