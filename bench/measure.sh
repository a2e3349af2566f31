# Shell functions that time benchmark runs with GNU time. Source this file after setting `work`
# (a scratch folder) and `runs` (how many runs median_run takes).

# Prints "seconds peak_kib" for one run of the command, with its output in $work/NAME.out. A
# failed run prints the end of its standard error and creates $work/failed, which the caller
# checks, because these functions run in subshells that cannot end the script.
measure() {
  local name=$1
  shift
  if ! /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err"; then
    echo "$name failed: $*" >&2
    tail -5 "$work/$name.err" >&2
    touch "$work/failed"
  fi
  tail -1 "$work/$name.time"
}

# Prints "median_seconds max_peak_kib" over $runs runs.
median_run() {
  local name=$1
  shift
  local seconds=() peaks=()
  for ((i = 0; i < runs; i++)); do
    read -r s k < <(measure "$name" "$@")
    seconds+=("$s")
    peaks+=("$k")
  done
  local median
  median=$(printf '%s\n' "${seconds[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  local peak
  peak=$(printf '%s\n' "${peaks[@]}" | sort -n | tail -1)
  echo "$median $peak"
}
