# Lists the groups that queries/t1568.003-dns-query-burst.sumo forms in one real Sysmon file, as
# tab-separated slice start (epoch ms), host, lower-cased image, queries and distinct names.
# It reads the flat NXLog layout and Winlogbeat 7, the two layouts of the files with event ID 22.
# Run: TZ=UTC jq -n -r -f tests/data/dns_query_burst_groups.jq FILE

def browsers: ["chrome.exe", "msedge.exe", "firefox.exe", "iexplore.exe", "opera.exe", "brave.exe",
  "vivaldi.exe", "microsoftedge.exe", "microsoftedgecp.exe", "chrome", "chromium", "firefox",
  "firefox-bin", "opera", "brave", "msedge"];

# UtcTime without its milliseconds, floored to a multiple of 300 seconds.
def slice_start: (.time | sub("\\.[0-9]+$"; "") | strptime("%Y-%m-%d %H:%M:%S") | mktime) as $seconds
  | ($seconds - ($seconds % 300)) * 1000;

[ inputs
  | if has("winlog")
    then {event_id: .winlog.event_id, time: .winlog.event_data.UtcTime, host: .winlog.computer_name,
          image: .winlog.event_data.Image, name: .winlog.event_data.QueryName}
    else {event_id: .EventID, time: .UtcTime, host: .Hostname, image: .Image, name: .QueryName}
    end
  | select(.event_id == 22)
  | select((.image | ascii_downcase | split("\\") | last) as $file | browsers | index($file) | not)
  | {slice: slice_start, host, image: (.image | ascii_downcase), name} ]
| group_by([.slice, .host, .image])
| map([.[0].slice, .[0].host, .[0].image, length, (map(.name) | unique | length)])
| sort_by(-.[4], -.[3], .[0])
| .[] | @tsv
