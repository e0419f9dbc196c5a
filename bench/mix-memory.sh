#!/usr/bin/env bash
# Memory of a big mix: a 32-track, 10-minute session at 48 kHz rendered by `mixwright mix` in a JVM
# limited to a 256 MB heap (-Xmx256m), with the mix report. 32 tracks of 10 minutes are 1.1 GB of
# float samples, so the render must stream: this shows that it does. Every track has a high-pass, a
# peaking band, a compressor and a pan, half of them send to a reverb bus, and the master has a
# compressor and a limiter. Prints the wall time, the largest heap in use after any collection (from
# -Xlog:gc), the process's peak resident memory (GNU time) and the mix's length.
#
# The 32 tracks play four stereo 24-bit stems made with SoX (noise colours under tones), each stem on
# eight tracks at its own offset, so that the work files stay at 700 MB; every track opens its own reader.
#
# Needs: sox, GNU time (apt-get install sox time); the project built once. Work files go to
# bench/work/mix32-MINUTESmin/ (git-ignored), kept for the next run but for the outputs.
#
# Usage: bench/mix-memory.sh [MINUTES] [TRACKS]   (defaults: 10 minutes, 32 tracks)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
minutes="${1:-10}"
tracks="${2:-32}"
work="$here/work"
dir="$work/mix32-${minutes}min"
mkdir -p "$dir"
for tool in sox /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "${0##*/}: $tool is not installed (apt-get install sox time)" >&2; exit 2; }
done
"$root/mixwright" --version >/dev/null
jar="$(ls -t "$root"/cli/target/mixwright-cli-*-all.jar | head -n 1)"
seconds=$((minutes * 60))
noises=(pinknoise brownnoise whitenoise pinknoise)
tones=(55 220 880 3520)
for k in 0 1 2 3; do
    stem="$dir/stem$k.wav"
    if [ ! -f "$stem" ]; then
        echo "generating $stem..." >&2
        sox -n -r 48000 -c 2 -b 24 -e signed-integer "$stem" synth "$seconds" "${noises[$k]}" \
            synth sine mix "${tones[$k]}" tremolo "$((k + 1))" 60 gain -18
    fi
done
session="$dir/session.json"
{
    echo '{"sampleRate": 48000, "tracks": ['
    for ((i = 0; i < tracks; i++)); do
        k=$((i % 4))
        pan=$(awk -v i="$i" 'BEGIN { printf "%.2f", (i % 9 - 4) / 5 }')
        sends=""
        if [ $((i % 2)) -eq 1 ]; then sends=', "sends": [{"bus": "verb", "levelDb": -15}]'; fi
        echo "  {\"name\": \"t$i\", \"clips\": [{\"file\": \"stem$k.wav\", \"start\": 0, \"offset\": $((i / 4))}],"
        echo "   \"volumeDb\": -12, \"pan\": $pan, \"inserts\": [\"highpass freq=40\", \"peak freq=$((200 + 97 * i)) gain=2 q=1\","
        echo "   \"compressor threshold=-24 ratio=3\"]$sends}$([ "$i" -lt $((tracks - 1)) ] && echo ,)"
    done
    echo '], "buses": [{"name": "verb", "inserts": ["reverb rt60=1.8 mix=1"]}],'
    echo ' "master": {"inserts": ["compressor threshold=-12 ratio=2", "limiter ceiling=-1"]},'
    echo ' "lengthSeconds": '"$seconds"'}'
} >"$session"
out="$dir/out-mix.wav"
report="$dir/out-mix.json"
gclog="$dir/out-gc.log"
/usr/bin/time -v -o "$dir/out-time.txt" java -Xmx256m -XX:+UseSerialGC -Xlog:gc:file="$gclog" \
    -jar "$jar" mix "$session" "$out" --report "$report" >/dev/null
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/out-time.txt")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/out-time.txt")
heap=$(grep -o '[0-9]*M->[0-9]*M' "$gclog" | sed 's/.*->//; s/M//' | sort -n | tail -n 1)
echo "session: $session ($tracks tracks of $minutes min, stereo 48 kHz 24-bit, a reverb bus, master compressor and limiter)"
echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1) ($(nproc) cpus)"
echo "java -Xmx256m: wall $wall, largest heap after a collection ${heap:-?} MB, peak resident ${rss} kB"
echo "output: $(( $(stat -c %s "$out") / 1000000 )) MB, $(grep -o '"seconds" *: *[0-9.]*' "$report" | head -n 1)"
rm -f "$out" "$report" "$gclog" "$dir/out-time.txt"
