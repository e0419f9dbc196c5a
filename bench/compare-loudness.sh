#!/usr/bin/env bash
# Side-by-side: `mixwright loudness` against FFmpeg's ebur128 filter and a libebur128 scan on the same
# 60-minute stereo 48 kHz 24-bit WAV. All three measure integrated loudness, loudness range and true
# peak; nothing is written. JVM start-up is included: every tool is timed as a whole process, as a
# user would run it.
#
#   mixwright:   mixwright loudness IN --json
#   ffmpeg:      ffmpeg -nostdin -nostats -hide_banner -i IN -af ebur128=peak=true -f null -
#                (its per-100 ms log lines go to stderr, as they do for a user; discarded when timed)
#   ebur128-scan: bench/ebur128-scan.c, libebur128 fed in 65,536-frame blocks with
#                EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_SAMPLE_PEAK,
#                built here into bench/work/ when missing or older than its source
#
# One untimed run of each collects the values, printed side by side so that a reader sees the three
# measure the same thing (FFmpeg rounds its summary to 0.1).
#
# Needs: sox, ffmpeg and bc (to make the input and time), gcc and libebur128-dev (for ebur128-scan):
# Debian: apt-get install sox ffmpeg bc gcc libebur128-dev; and the project built once (the
# ./mixwright launcher builds it on first use).
#
# Usage: bench/compare-loudness.sh [MINUTES] [RUNS]   (defaults: 60 minutes, best of 3 runs)
# Work files go to bench/work/ (git-ignored); about 1.1 GB for 60 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# Check the C tool chain before common.sh spends time making the input or building mixwright.
command -v cc >/dev/null || { echo "${0##*/}: no C compiler (apt-get install gcc libebur128-dev)" >&2; exit 2; }
if ! echo '#include <ebur128.h>' | cc -E -x c - >/dev/null 2>&1; then
    echo "${0##*/}: libebur128's headers are not installed (apt-get install gcc libebur128-dev)" >&2
    exit 2
fi

source "$here/common.sh"

scan="$work/ebur128-scan"
if [ ! -x "$scan" ] || [ "$here/ebur128-scan.c" -nt "$scan" ]; then
    echo "building $scan..." >&2
    cc -O2 -o "$scan" "$here/ebur128-scan.c" -lebur128 -lm
fi

# --- values: one untimed run of each ---------------------------------------------------------------
if ! ours_json=$("${mixwright[@]}" loudness "$input" --json); then
    echo "${0##*/}: 'mixwright loudness' failed (does this build have the command?)" >&2
    exit 1
fi
ffmpeg_log=$(ffmpeg -nostdin -nostats -hide_banner -i "$input" -af ebur128=peak=true -f null - 2>&1)
scan_out=$("$scan" "$input")

# a number from mixwright's JSON ("key": value; non-finite values are null)
json_value() {
    local v
    v=$(printf '%s\n' "$ours_json" | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\([^,}[:space:]]*\).*/\1/p" | head -n 1)
    [ -n "$v" ] || v="?"
    if [ "$v" = null ] || [ "$v" = "?" ]; then printf '%s' "$v"; else printf '%.2f' "$v"; fi
}
# a value from FFmpeg's closing summary (the per-frame lines before it use the same labels)
ffmpeg_value() {
    printf '%s\n' "$ffmpeg_log" | awk -v key="$1" '/Summary:/ { s = 1 } s && $1 == key { print $2; exit }'
}
# a value from ebur128-scan's output: the field after the label
scan_value() {
    printf '%s\n' "$scan_out" | awk -v key="$1" 'index($0, key " ") == 1 { n = split(key, k, " "); print $(n + 1); exit }'
}

# --- times ------------------------------------------------------------------------------------------
t_ours() { "${mixwright[@]}" loudness "$input" --json; }
t_ffmpeg() { ffmpeg -nostdin -nostats -hide_banner -i "$input" -af ebur128=peak=true -f null -; }
t_scan() { "$scan" "$input"; }
train loudness "$input" --json
race t_ours t_ffmpeg t_scan
ours=${BEST[t_ours]}
ffmpeg_t=${BEST[t_ffmpeg]}
scan_t=${BEST[t_scan]}

bytes=$(stat -c %s "$input")
echo "input: $input ($((bytes / 1000000)) MB, $minutes min stereo 48 kHz 24-bit), best of $runs runs, the tools taking turns"
print_machine
echo
printf '%-14s %10s %16s\n' tool seconds "peer/mixwright"
printf '%-14s %10s\n' mixwright "$ours"
printf '%-14s %10s %16.2f\n' ffmpeg "$ffmpeg_t" "$(echo "$ffmpeg_t / $ours" | bc -l)"
printf '%-14s %10s %16.2f\n' ebur128-scan "$scan_t" "$(echo "$scan_t / $ours" | bc -l)"
echo
printf 'ratio ffmpeg/mixwright:       %.2f  (above 1: mixwright is faster; target 3)\n' "$(echo "$ffmpeg_t / $ours" | bc -l)"
printf 'ratio ebur128-scan/mixwright: %.2f  (above 1: mixwright is faster; target 2)\n' "$(echo "$scan_t / $ours" | bc -l)"
echo
echo "values (untimed run of each):"
printf '%-14s %18s %14s %18s\n' tool "integrated LUFS" "range LU" "true peak dBTP"
printf '%-14s %18s %14s %18s\n' mixwright "$(json_value integratedLufs)" "$(json_value loudnessRangeLu)" "$(json_value truePeakDbtp)"
printf '%-14s %18s %14s %18s\n' ffmpeg "$(ffmpeg_value I:)" "$(ffmpeg_value LRA:)" "$(ffmpeg_value Peak:)"
printf '%-14s %18s %14s %18s\n' ebur128-scan "$(scan_value integrated)" "$(scan_value range)" "$(scan_value 'true peak')"
rm -f "$work/mixwright-timed.jar" "$jsa"
