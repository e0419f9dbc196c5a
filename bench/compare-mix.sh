#!/usr/bin/env bash
# Side-by-side: `mixwright mix` against an FFmpeg filter graph mixing the same 16 stereo 48 kHz 24-bit
# stems of MINUTES minutes (default 5) to a 32-bit float stereo WAV. Every tool is timed as a whole
# process, JVM start-up included, the tools taking turns, best of RUNS.
#
#   every track: highpass 40 Hz, a peaking band (+3 dB, Q 1, its own frequency), a compressor
#                (threshold -24 dB, ratio 3, attack 10 ms, release 100 ms), volume -6 dB, a pan
#     mixwright: "inserts": ["highpass freq=40", "peak freq=F gain=3 q=1",
#                            "compressor threshold=-24 ratio=3 attack=10 release=100"], "pan": P
#     ffmpeg:    highpass=f=40,equalizer=f=F:t=q:w=1:g=3,acompressor=threshold=-24dB:ratio=3:attack=10:
#                release=100,volume=-6dB,pan=stereo|c0=GL*c0|c1=GR*c1   (GL, GR: the same balance gains)
#   the sum:     mixwright adds the tracks; ffmpeg: amix=inputs=16:normalize=0
#   master:      mixwright: "compressor threshold=-12 ratio=2", "limiter ceiling=-1"
#                ffmpeg:    acompressor=threshold=-12dB:ratio=2,alimiter=limit=-1dB
#
# The mixwright session does more than the graph: it also has two buses, a reverb and a delay, fed by
# eight of the tracks' sends (the issue's "two buses"), which the FFmpeg graph has no equivalent for,
# and its limiter is a true-peak (oversampled) one where alimiter limits sample peaks.
#
# It also prints how many times faster than realtime the mixwright render is (the length of the mix
# over its wall-clock time, JVM start-up included).
#
# Needs: sox, ffmpeg and bc (Debian: apt-get install sox ffmpeg bc), and the project built once (the
# ./mixwright launcher builds it on first use).
#
# Usage: bench/compare-mix.sh [MINUTES] [RUNS]   (defaults: 5 minutes, best of 3 runs)
# Work files go to bench/work/mix16-MINUTESmin/ (git-ignored); about 1.4 GB for 5 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
set -- "${1:-5}" "${2:-3}"
source "$here/common.sh"

dir="$work/mix16-${minutes}min"
mkdir -p "$dir"
seconds=$((minutes * 60))
# 16 stems, each a different noise colour under a different tone with its own tremolo, so that the
# compressors have work to do; made once.
freqs=(55 82 110 147 196 262 330 440 587 784 988 1319 1760 2349 3136 4186)
pans=(0 -0.2 0.2 -0.4 0.4 -0.6 0.6 -0.3 0.3 -0.5 0.5 -0.7 0.7 -0.1 0.1 0)
noises=(pinknoise brownnoise whitenoise pinknoise)
for i in $(seq 0 15); do
    stem="$dir/stem$i.wav"
    if [ ! -f "$stem" ]; then
        echo "generating $stem..." >&2
        sox -n -r 48000 -c 2 -b 24 -e signed-integer "$stem" synth "$seconds" "${noises[$((i % 4))]}" \
            synth sine mix "${freqs[$i]}" tremolo "$(echo "0.5 + $i * 0.37" | bc -l)" 60 gain -18
    fi
done

# The session, and the FFmpeg graph that says the same.
session="$dir/session.json"
{
    echo '{"sampleRate": 48000, "tracks": ['
    for i in $(seq 0 15); do
        sends=""
        if [ $((i % 2)) -eq 1 ]; then
            bus=$([ $((i % 4)) -eq 1 ] && echo verb || echo echo)
            sends=", \"sends\": [{\"bus\": \"$bus\", \"levelDb\": -12}]"
        fi
        echo "  {\"name\": \"t$i\", \"clips\": [{\"file\": \"stem$i.wav\", \"start\": 0}], \"volumeDb\": -6,"
        echo "   \"pan\": ${pans[$i]}, \"inserts\": [\"highpass freq=40\", \"peak freq=${freqs[$i]} gain=3 q=1\","
        echo "   \"compressor threshold=-24 ratio=3 attack=10 release=100\"]$sends}$([ "$i" -lt 15 ] && echo ,)"
    done
    echo '], "buses": [{"name": "verb", "inserts": ["reverb rt60=1.8 mix=1"]},'
    echo '            {"name": "echo", "inserts": ["delay note=1/8d bpm=120 feedback=0.4 mix=1"]}],'
    echo ' "master": {"inserts": ["compressor threshold=-12 ratio=2", "limiter ceiling=-1"]},'
    echo ' "lengthSeconds": '"$seconds"'}'
} >"$session"
# A stereo track's pan is a balance: the far side keeps its level, the near one follows the
# constant-power law relative to the centre (sqrt 2 * cos or sin of (p + 1) pi / 4, at most 1).
ff_inputs=()
graph=""
for i in $(seq 0 15); do
    ff_inputs+=(-i "$dir/stem$i.wav")
    p=${pans[$i]}
    gl=$(echo "g = sqrt(2) * c((($p) + 1) * 3.14159265358979 / 4); if (g > 1) g = 1; g" | bc -l)
    gr=$(echo "g = sqrt(2) * s((($p) + 1) * 3.14159265358979 / 4); if (g > 1) g = 1; g" | bc -l)
    graph+="[$i:a]highpass=f=40,equalizer=f=${freqs[$i]}:t=q:w=1:g=3,"
    graph+="acompressor=threshold=-24dB:ratio=3:attack=10:release=100,volume=-6dB,"
    graph+="pan=stereo|c0=${gl:0:8}*c0|c1=${gr:0:8}*c1[t$i];"
done
for i in $(seq 0 15); do graph+="[t$i]"; done
graph+="amix=inputs=16:normalize=0,acompressor=threshold=-12dB:ratio=2,alimiter=limit=-1dB[out]"

t_mix_ours() { "${mixwright[@]}" mix "$session" "$work/out-mix-mixwright.wav" --encoding float32; }
t_mix_ff() { ffmpeg -nostdin -y -loglevel error "${ff_inputs[@]}" -filter_complex "$graph" -map "[out]" \
    -c:a pcm_f32le "$work/out-mix-ffmpeg.wav"; }
train mix "$session" "$work/out-mix-mixwright.wav" --encoding float32
race t_mix_ours t_mix_ff

echo "session: $session (16 stereo 48 kHz 24-bit stems of $minutes min, two buses, master compressor and limiter)"
echo "best of $runs runs, the tools taking turns, JVM start-up included"
print_machine
echo
printf '%-32s %10s %10s %14s\n' "" mixwright ffmpeg "ffmpeg/mixwright"
printf '%-32s %10s %10s %14.2f  (target 3.0)\n' "16-track mix" "${BEST[t_mix_ours]}" "${BEST[t_mix_ff]}" \
    "$(echo "${BEST[t_mix_ff]} / ${BEST[t_mix_ours]}" | bc -l)"
printf '%-32s %10.1fx realtime  (target 50)\n' "mixwright render speed" "$(echo "$seconds / ${BEST[t_mix_ours]}" | bc -l)"
rm -f "$work"/out-*.wav "$work/mixwright-timed.jar" "$jsa"
