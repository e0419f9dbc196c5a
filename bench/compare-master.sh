#!/usr/bin/env bash
# Side-by-side: `mixwright master` against FFmpeg's two-pass loudnorm, mastering the same 5-minute
# stereo 48 kHz 24-bit mix to -14 LUFS and -1 dBTP. JVM start-up is included: every tool is timed as
# a whole process (FFmpeg's two processes together), as a user would run it.
#
#   mixwright: mixwright master IN OUT --target -14 --ceiling -1
#   ffmpeg:    pass 1  ffmpeg -i IN -af loudnorm=I=-14:TP=-1:LRA=11:print_format=json -f null -
#              pass 2  ffmpeg -i IN -af loudnorm=I=-14:TP=-1:LRA=11:measured_I=..:measured_TP=..:
#                      measured_LRA=..:measured_thresh=..:offset=..:linear=true -ar 48000 -c:a pcm_s24le OUT
#              (the measured values are pass 1's; the timed run does both passes)
#
# Both outputs are then measured by libebur128 (bench/ebur128-scan.c, built into bench/work/), which
# shares no code with either tool: how close each lands to -14 LUFS, and whether its true peak stays
# at or under -1 dBTP.
#
# Two mixes of MINUTES minutes, stereo 48 kHz 24-bit, made with SoX:
#   smooth: pink noise with a slow tremolo over a 55 Hz bass pulsing 8 times a second, about -30 LUFS;
#           mastering adds about 16 dB and the peaks stay under the ceiling, so the limiter has no work.
#   punchy: the same with a 20 ms noise burst every half second on top (SoX halves both in mixing): -14 LUFS
#           takes about 5 dB of limiting on the bursts (FFmpeg's linear mode then falls back to its
#           dynamic one, as it documents).
#
# Needs: sox, ffmpeg and bc, gcc and libebur128-dev (Debian: apt-get install sox ffmpeg bc gcc
# libebur128-dev); and the project built once (the ./mixwright launcher builds it on first use).
#
# Usage: bench/compare-master.sh [MINUTES] [RUNS]   (defaults: 5 minutes, best of 3 runs)
# Work files go to bench/work/ (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v cc >/dev/null || { echo "${0##*/}: no C compiler (apt-get install gcc libebur128-dev)" >&2; exit 2; }
if ! echo '#include <ebur128.h>' | cc -E -x c - >/dev/null 2>&1; then
    echo "${0##*/}: libebur128's headers are not installed (apt-get install gcc libebur128-dev)" >&2
    exit 2
fi
set -- "${1:-5}" "${2:-3}"
source "$here/common.sh"

scan="$work/ebur128-scan"
if [ ! -x "$scan" ] || [ "$here/ebur128-scan.c" -nt "$scan" ]; then
    cc -O2 -o "$scan" "$here/ebur128-scan.c" -lebur128 -lm
fi

smooth="$work/mix-${minutes}min-48k-24bit.wav"
punchy="$work/mix-punchy-${minutes}min-48k-24bit.wav"
if [ ! -f "$smooth" ]; then
    echo "generating $smooth..." >&2
    sox -n -r 48000 -c 2 -b 24 -e signed-integer "$work/pad.wav" synth "$((minutes * 60))" pinknoise tremolo 0.1 70 gain -20
    sox -n -r 48000 -c 2 -b 24 -e signed-integer "$work/bass.wav" synth "$((minutes * 60))" sine 55 tremolo 8 90 gain -16
    sox -m "$work/pad.wav" "$work/bass.wav" "$smooth"
    rm -f "$work/pad.wav" "$work/bass.wav"
fi
if [ ! -f "$punchy" ]; then
    echo "generating $punchy..." >&2
    sox -n -r 48000 -c 2 -b 24 -e signed-integer "$work/burst.wav" synth 0.02 pinknoise fade 0 0.02 0.015 gain -12 pad 0 0.48
    sox "$work/burst.wav" "$work/bursts.wav" repeat $((minutes * 120 - 1))
    sox -m "$smooth" "$work/bursts.wav" "$punchy"
    rm -f "$work/burst.wav" "$work/bursts.wav"
fi

filter="loudnorm=I=-14:TP=-1:LRA=11"
t_ours() { "${mixwright[@]}" master "$mix" "$work/out-mixwright.wav" --target -14 --ceiling -1; }
t_ffmpeg() {
    local json i tp lra th off
    json=$(ffmpeg -nostdin -hide_banner -i "$mix" -af "$filter:print_format=json" -f null - 2>&1 | sed -n '/^{/,/^}/p')
    i=$(printf '%s' "$json" | sed -n 's/.*"input_i" : "\([^"]*\)".*/\1/p')
    tp=$(printf '%s' "$json" | sed -n 's/.*"input_tp" : "\([^"]*\)".*/\1/p')
    lra=$(printf '%s' "$json" | sed -n 's/.*"input_lra" : "\([^"]*\)".*/\1/p')
    th=$(printf '%s' "$json" | sed -n 's/.*"input_thresh" : "\([^"]*\)".*/\1/p')
    off=$(printf '%s' "$json" | sed -n 's/.*"target_offset" : "\([^"]*\)".*/\1/p')
    ffmpeg -nostdin -hide_banner -loglevel error -y -i "$mix" \
        -af "$filter:measured_I=$i:measured_TP=$tp:measured_LRA=$lra:measured_thresh=$th:offset=$off:linear=true" \
        -ar 48000 -c:a pcm_s24le "$work/out-ffmpeg.wav"
}
value() { printf '%s\n' "$2" | awk -v key="$1" 'index($0, key " ") == 1 { n = split(key, k, " "); print $(n + 1); exit }'; }

mix="$smooth"
train master "$mix" "$work/out-mixwright.wav" --target -14 --ceiling -1
print_machine
echo "best of $runs runs, the tools taking turns; loudness and true peak of each output by libebur128;"
echo "target -14 LUFS, at most -1 dBTP"
for name in smooth punchy; do
    mix=${!name}
    BEST=()
    race t_ours t_ffmpeg
    ours=${BEST[t_ours]}
    ffmpeg_t=${BEST[t_ffmpeg]}
    # values: one more untimed run of each, measured by libebur128
    t_ours >/dev/null 2>&1
    t_ffmpeg >/dev/null 2>&1
    ours_scan=$("$scan" "$work/out-mixwright.wav")
    ffmpeg_scan=$("$scan" "$work/out-ffmpeg.wav")
    in_scan=$("$scan" "$mix")
    echo
    echo "$name: $mix ($minutes min, $(value integrated "$in_scan") LUFS, $(value 'true peak' "$in_scan") dBTP)"
    printf '%-22s %10s %18s %16s\n' "" seconds "integrated LUFS" "true peak dBTP"
    printf '%-22s %10s %18s %16s\n' "mixwright master" "$ours" "$(value integrated "$ours_scan")" "$(value 'true peak' "$ours_scan")"
    printf '%-22s %10s %18s %16s\n' "ffmpeg loudnorm x2" "$ffmpeg_t" "$(value integrated "$ffmpeg_scan")" "$(value 'true peak' "$ffmpeg_scan")"
    printf 'ratio ffmpeg/mixwright: %.2f  (above 1: mixwright is faster; target 20)\n' "$(echo "$ffmpeg_t / $ours" | bc -l)"
done
rm -f "$work"/out-*.wav "$work/mixwright-timed.jar" "$jsa"
