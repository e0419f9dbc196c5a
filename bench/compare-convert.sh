#!/usr/bin/env bash
# Side-by-side: `mixwright convert` against SoX and FFmpeg on the same 60-minute stereo 48 kHz
# 24-bit WAV, converted to 32-bit float. JVM start-up is included: every tool is timed as a whole
# process, as a user would run it.
#
# Needs: sox and ffmpeg (Debian: apt-get install sox ffmpeg), and the project built once
# (the ./mixwright launcher builds it on first use).
#
# Usage: bench/compare-convert.sh [MINUTES] [RUNS]   (defaults: 60 minutes, best of 3 runs)
# Work files go to bench/work/ (git-ignored); about 2.5 GB for 60 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"

t_ours() { "${mixwright[@]}" convert "$input" "$work/out-mixwright.wav" --encoding float32; }
t_sox() { sox "$input" -e floating-point -b 32 "$work/out-sox.wav"; }
t_ffmpeg() { ffmpeg -nostdin -y -loglevel error -i "$input" -c:a pcm_f32le "$work/out-ffmpeg.wav"; }
train convert "$input" "$work/out-mixwright.wav" --encoding float32
race t_ours t_sox t_ffmpeg
ours=${BEST[t_ours]}
sox_t=${BEST[t_sox]}
ffmpeg_t=${BEST[t_ffmpeg]}

bytes=$(stat -c %s "$input")
echo "input: $input ($((bytes / 1000000)) MB, $minutes min stereo 48 kHz 24-bit), best of $runs runs, the tools taking turns"
print_machine
printf '%-12s %8s s\n' mixwright "$ours" sox "$sox_t" ffmpeg "$ffmpeg_t"
printf 'ratio sox/mixwright:    %.2f  (above 1: mixwright is faster; target 1)\n' "$(echo "$sox_t / $ours" | bc -l)"
printf 'ratio ffmpeg/mixwright: %.2f  (above 1: mixwright is faster)\n' "$(echo "$ffmpeg_t / $ours" | bc -l)"
rm -f "$work"/out-*.wav "$work/mixwright-timed.jar" "$jsa"
