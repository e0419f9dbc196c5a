#!/usr/bin/env bash
# Memory of a long master: a 2-hour stereo 96 kHz 24-bit mix mastered to -14 LUFS / -1 dBTP by
# `mixwright master` in a JVM limited to a 256 MB heap (-Xmx256m). With that heap the chain's output
# does not fit in memory, so every pass streams the file: this shows that streaming holds. Prints the
# wall time, the largest heap in use after any collection (from -Xlog:gc), the process's peak resident
# memory (GNU time) and the master's loudness and passes from its report.
#
# Needs: sox, GNU time (apt-get install sox time); the project built once. About 8.3 GB of work files
# under bench/work/ (git-ignored), deleted at the end but for the input.
#
# Usage: bench/master-memory.sh [HOURS] [RATE]   (defaults: 2 hours, 96000 Hz)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
hours="${1:-2}"
rate="${2:-96000}"
work="$here/work"
mkdir -p "$work"
for tool in sox /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "${0##*/}: $tool is not installed (apt-get install sox time)" >&2; exit 2; }
done
"$root/mixwright" --version >/dev/null
jar="$(ls -t "$root"/cli/target/mixwright-cli-*-all.jar | head -n 1)"
input="$work/long-${hours}h-${rate}-24bit.wav"
if [ ! -f "$input" ]; then
    echo "generating $input..." >&2
    sox -n -r "$rate" -c 2 -b 24 -e signed-integer "$input" synth "$((hours * 3600))" pinknoise tremolo 0.1 70 gain -20
fi
out="$work/out-long.wav"
report="$work/out-long.json"
gclog="$work/out-long-gc.log"
/usr/bin/time -v -o "$work/out-long-time.txt" java -Xmx256m -XX:+UseSerialGC -Xlog:gc:file="$gclog" \
    -jar "$jar" master "$input" "$out" --preset spotify --report "$report" >/dev/null
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/out-long-time.txt")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/out-long-time.txt")
# "GC(3) Pause Young (Allocation Failure) 70M->2M(245M) 1.234ms": the heap in use after each collection
heap=$(grep -o '[0-9]*M->[0-9]*M' "$gclog" | sed 's/.*->//; s/M//' | sort -n | tail -n 1)
echo "input: $input ($hours h stereo $rate Hz 24-bit, $(( $(stat -c %s "$input") / 1000000 )) MB)"
echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1) ($(nproc) cpus)"
echo "java -Xmx256m: wall $wall, largest heap after a collection ${heap:-?} MB, peak resident ${rss} kB"
grep -E '"passes"|"targetReached"' "$report" | tr -d ' ,'
sed -n '/"output"/,/}/p' "$report" | grep -E 'integratedLufs|truePeakDbtp' | tr -d ' ,'
rm -f "$out" "$report" "$gclog" "$work/out-long-time.txt"
