#!/usr/bin/env bash
# Side-by-side: a four-filter EQ (high-pass, peaking, low shelf, high shelf) in `mixwright process`
# against SoX and FFmpeg on the same 60-minute stereo 48 kHz 24-bit WAV, written as 24-bit WAV.
# JVM start-up is included: every tool is timed as a whole process, as a user would run it.
#
# The three run the same RBJ-cookbook biquads with the same parameters:
#   sox:    highpass 80                 Q 0.707 (SoX's default, Butterworth)
#           equalizer 1000 1q 3         peaking, Q 1, +3 dB
#           bass 3 100                  low shelf, +3 dB at 0 Hz, slope S = 0.5 (SoX's default)
#           treble -2 8000              high shelf, -2 dB, slope S = 0.5
#   ffmpeg: the same, with the shelves' width given as slope (t=s:w=0.5), since FFmpeg's default
#           for bass/treble is Q = 0.5, not slope 0.5
#   mixwright: the shelves take Q; the cookbook's slope-to-Q relation
#           1/Q = sqrt((A + 1/A)(1/S - 1) + 2), A = 10^(gain/40), gives Q = 0.4981 for +3 dB and
#           Q = 0.4992 for -2 dB at S = 0.5
# Every tool writes 24-bit PCM; mixwright adds TPDF dither (its default for integer output), SoX and
# FFmpeg do not dither at 24 bits, so mixwright does slightly more work.
#
# Needs: sox and ffmpeg (Debian: apt-get install sox ffmpeg), and the project built once
# (the ./mixwright launcher builds it on first use).
#
# Usage: bench/compare-eq.sh [MINUTES] [RUNS]   (defaults: 60 minutes, best of 3 runs)
# Work files go to bench/work/ (git-ignored); about 2.1 GB for 60 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"

chain="highpass freq=80 q=0.707 | peak freq=1000 gain=3 q=1 | lowshelf freq=100 gain=3 q=0.4981 | highshelf freq=8000 gain=-2 q=0.4992"
sox_effects=(highpass 80 equalizer 1000 1q 3 bass 3 100 treble -2 8000)
ffmpeg_graph="highpass=f=80,equalizer=f=1000:t=q:w=1:g=3,bass=g=3:f=100:t=s:w=0.5,treble=g=-2:f=8000:t=s:w=0.5"

t_ours() { "${mixwright[@]}" process "$input" "$work/out-mixwright.wav" --chain "$chain"; }
t_sox() { sox "$input" -b 24 "$work/out-sox.wav" "${sox_effects[@]}"; }
t_ffmpeg() { ffmpeg -nostdin -y -loglevel error -i "$input" -af "$ffmpeg_graph" -c:a pcm_s24le "$work/out-ffmpeg.wav"; }
train process "$input" "$work/out-mixwright.wav" --chain "$chain"
race t_ours t_sox t_ffmpeg
ours=${BEST[t_ours]}
sox_t=${BEST[t_sox]}
ffmpeg_t=${BEST[t_ffmpeg]}

bytes=$(stat -c %s "$input")
echo "input: $input ($((bytes / 1000000)) MB, $minutes min stereo 48 kHz 24-bit), best of $runs runs, the tools taking turns"
print_machine
echo "chain: $chain"
printf '%-12s %8s s\n' mixwright "$ours" sox "$sox_t" ffmpeg "$ffmpeg_t"
printf 'ratio sox/mixwright:    %.2f  (above 1: mixwright is faster; target 1.5)\n' "$(echo "$sox_t / $ours" | bc -l)"
printf 'ratio ffmpeg/mixwright: %.2f  (above 1: mixwright is faster; target 1.5)\n' "$(echo "$ffmpeg_t / $ours" | bc -l)"
rm -f "$work"/out-*.wav "$work/mixwright-timed.jar" "$jsa"
