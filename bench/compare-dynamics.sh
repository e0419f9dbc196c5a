#!/usr/bin/env bash
# Side-by-side: the compressor and the true-peak limiter of `mixwright process` against FFmpeg's
# acompressor and alimiter on the same 60-minute stereo 48 kHz 24-bit WAV, then the quality of the
# limiters at the same drive and a -1 dBTP ceiling. JVM start-up is included: every tool is timed as a
# whole process, as a user would run it. Outputs are 32-bit float WAV, so no quantisation or clipping
# stands between a limiter and the measurement of its true peak.
#
#   compressor, threshold -24 dB, ratio 4, attack 10 ms, release 100 ms, knee about 2.8 dB:
#     mixwright: process IN OUT --chain "compressor threshold=-24 ratio=4 attack=10 release=100 knee=2.83"
#     ffmpeg:    -af acompressor=threshold=-24dB:ratio=4:attack=10:release=100 (knee 2.83, its default)
#   limiter, +12 dB of drive, ceiling -1 dBTP (0.891), release 50 ms:
#     mixwright: process --chain "gain db=12 | limiter ceiling=-1 release=50"
#     ffmpeg at 4x (the issue's yardstick): -af volume=12dB,aresample=192000,
#                alimiter=limit=0.891:release=50:level=false,aresample=48000
#     ffmpeg at 1x (as most people run it): -af volume=12dB,alimiter=limit=0.891:release=50:level=false
# The quality table measures each limiter output with `mixwright loudness` (BS.1770-4 true peak,
# 4x oversampled, and integrated loudness) and, when bench/work/ebur128-scan exists (made by
# compare-loudness.sh), with libebur128 too.
#
# Needs: sox, ffmpeg and bc (Debian: apt-get install sox ffmpeg bc), and the project built once (the
# ./mixwright launcher builds it on first use).
#
# Usage: bench/compare-dynamics.sh [MINUTES] [RUNS]   (defaults: 60 minutes, best of 3 runs)
# Work files go to bench/work/ (git-ignored); about 3.1 GB for 60 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"

comp_chain="compressor threshold=-24 ratio=4 attack=10 release=100 knee=2.83"
comp_graph="acompressor=threshold=-24dB:ratio=4:attack=10:release=100"
lim_chain="gain db=12 | limiter ceiling=-1 release=50"
lim_graph_4x="volume=12dB,aresample=192000,alimiter=limit=0.891:release=50:level=false,aresample=48000"
lim_graph_1x="volume=12dB,alimiter=limit=0.891:release=50:level=false"
ff=(ffmpeg -nostdin -y -loglevel error -i "$input")

t_comp_ours() { "${mixwright[@]}" process "$input" "$work/out-comp-mixwright.wav" --chain "$comp_chain" --encoding float32; }
t_comp_ff() { "${ff[@]}" -af "$comp_graph" -c:a pcm_f32le "$work/out-comp-ffmpeg.wav"; }
t_lim_ours() { "${mixwright[@]}" process "$input" "$work/out-lim-mixwright.wav" --chain "$lim_chain" --encoding float32; }
t_lim_ff4() { "${ff[@]}" -af "$lim_graph_4x" -c:a pcm_f32le "$work/out-lim-ffmpeg4x.wav"; }
train process "$input" "$work/out-comp-mixwright.wav" --chain "$comp_chain" --encoding float32
race t_comp_ours t_comp_ff
race t_lim_ours t_lim_ff4
comp_ours=${BEST[t_comp_ours]}
comp_ff=${BEST[t_comp_ff]}
lim_ours=${BEST[t_lim_ours]}
lim_ff4=${BEST[t_lim_ff4]}

# Untimed: the outputs whose quality is compared (race() deletes its outputs between runs).
"${mixwright[@]}" process "$input" "$work/q-mixwright.wav" --chain "$lim_chain" --encoding float32 >/dev/null
"${ff[@]}" -af "$lim_graph_4x" -c:a pcm_f32le "$work/q-ffmpeg4x.wav"
"${ff[@]}" -af "$lim_graph_1x" -c:a pcm_f32le "$work/q-ffmpeg1x.wav"

bytes=$(stat -c %s "$input")
echo "input: $input ($((bytes / 1000000)) MB, $minutes min stereo 48 kHz 24-bit), best of $runs runs, the tools taking turns"
print_machine
echo
printf '%-24s %10s %10s %18s\n' "" mixwright ffmpeg "ffmpeg/mixwright"
printf '%-24s %10s %10s %18.2f  (target 1.5)\n' "compressor" "$comp_ours" "$comp_ff" "$(echo "$comp_ff / $comp_ours" | bc -l)"
printf '%-24s %10s %10s %18.2f  (target 1.2)\n' "limiter (ffmpeg at 4x)" "$lim_ours" "$lim_ff4" "$(echo "$lim_ff4 / $lim_ours" | bc -l)"
echo
echo "limiter quality, +12 dB drive, ceiling -1 dBTP (true peak must not exceed -1.00):"
printf '%-22s %14s %14s %16s\n' output "true peak dBTP" "integrated LUFS" "libebur128 dBTP"
for name in mixwright ffmpeg4x ffmpeg1x; do
    f="$work/q-$name.wav"
    json=$("${mixwright[@]}" loudness "$f" --json)
    tp=$(printf '%s\n' "$json" | sed -n 's/.*"truePeakDbtp"[[:space:]]*:[[:space:]]*\([^,}]*\).*/\1/p' | head -n 1)
    lufs=$(printf '%s\n' "$json" | sed -n 's/.*"integratedLufs"[[:space:]]*:[[:space:]]*\([^,}]*\).*/\1/p' | head -n 1)
    lib="-"
    if [ -x "$work/ebur128-scan" ]; then
        lib=$("$work/ebur128-scan" "$f" | awk '/^true peak/ { print $3 }')
    fi
    printf '%-22s %14.2f %14.2f %16s\n' "$name" "$tp" "$lufs" "$lib"
done
rm -f "$work"/out-*.wav "$work"/q-*.wav "$work/mixwright-timed.jar" "$jsa"
