# Shared by the compare-*.sh scripts: sourced, not run. Expects $here (bench/), and sets up
# $root, $minutes, $runs, $work, $input (the 60-minute stereo 48 kHz 24-bit test file, made with
# SoX on first use), $mixwright (the command to time) and the functions train and race.
root="$(dirname "$here")"
minutes="${1:-60}"
runs="${2:-3}"
work="$here/work"
mkdir -p "$work"

for tool in sox ffmpeg bc; do
    command -v "$tool" >/dev/null || { echo "${0##*/}: $tool is not installed (apt-get install sox ffmpeg bc)" >&2; exit 2; }
done

input="$work/input-${minutes}min-48k-24bit.wav"
if [ ! -f "$input" ]; then
    echo "generating $input (pink noise plus a sine, -12 dBFS)..." >&2
    sox -n -r 48000 -c 2 -b 24 -e signed-integer "$input" synth "$((minutes * 60))" pinknoise synth sine mix 440 gain -12
fi
"$root/mixwright" --version >/dev/null   # build before timing anything
# Time a snapshot of the jar with the launcher's own JVM options (what ./mixwright execs), so that a
# source edited while this runs (a shared checkout) cannot make the launcher rebuild inside a timed run.
# Like the launcher, the timed runs map a class-data archive written by a first, untimed run (train).
jar="$(ls -t "$root"/cli/target/mixwright-cli-*-all.jar | head -n 1)"
cp "$jar" "$work/mixwright-timed.jar"
jsa="$work/mixwright-timed.jsa"
rm -f "$jsa"
mixwright_opts=(-XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr
    -Xlog:cds*=off:stderr)
mixwright=(java "${mixwright_opts[@]}" -XX:SharedArchiveFile="$jsa" -jar "$work/mixwright-timed.jar")

# train ARGS...: the launcher's first run after a build, untimed, which writes the class-data archive
# ($jsa) that the timed runs then map; give it the command the script times. Its outputs are deleted.
train() {
    java "${mixwright_opts[@]}" -XX:ArchiveClassesAtExit="$jsa" -jar "$work/mixwright-timed.jar" "$@" \
        >/dev/null 2>&1 || true
    rm -f "$work"/out-*.wav
}

# race NAME... : runs each named shell function once per round, $runs rounds, the tools taking turns
# within a round, so that a slow spell of a shared machine (timings here swing by 30 % from one minute
# to the next) falls on every tool alike instead of on whichever ran then; sets BEST[NAME] to each
# one's best wall-clock seconds (three decimals). Outputs under $work/out-* are deleted before each run.
declare -A BEST
race() {
    local name t start end round
    for ((round = 0; round < runs; round++)); do
        for name in "$@"; do
            rm -f "$work"/out-*.wav
            sync
            start=$(date +%s.%N)
            "$name" >/dev/null 2>&1
            end=$(date +%s.%N)
            t=$(echo "$end - $start" | bc -l)
            if [ -z "${BEST[$name]:-}" ] || (( $(echo "$t < ${BEST[$name]}" | bc -l) )); then BEST[$name]=$t; fi
        done
    done
    for name in "$@"; do
        BEST[$name]=$(printf '%.3f' "${BEST[$name]}")
    done
}


# The machine beside the figures: CPU model, whether it has AVX-512, and the vector width the JVM that
# is timed uses (UseAVX 3 is AVX-512; MaxVectorSize in bytes), with its version.
print_machine() {
    local cpu avx512 flags
    cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
    avx512=$(grep -c avx512f /proc/cpuinfo 2>/dev/null || true)
    flags=$(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "UseAVX" || $2 == "MaxVectorSize" { printf "%s=%s ", $2, $4 }')
    echo "cpu: ${cpu:-unknown} ($(nproc) cpus; AVX-512: $([ "${avx512:-0}" -gt 0 ] && echo yes || echo no))"
    echo "jvm: $(java -version 2>&1 | sed -n 2p); vector width: ${flags:-unknown}"
}
