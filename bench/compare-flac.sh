#!/usr/bin/env bash
# Side-by-side: Mixwright's FLAC encoder and decoder (FlacWriter, FlacReader in the io module) against
# the reference flac command, on a few minutes of music-like stereo material synthesised by SoX, in
# 48 kHz 24-bit and 44.1 kHz 16-bit:
#   (a) ours at the default level 5 must pass `flac --test` and `flac -d` to the very same PCM;
#   (b) our size against `flac -5` (target: within 3 %; flac's files carry an 8 KiB PADDING block,
#       so the comparison is with `flac -5 --no-padding`, and the padded size is printed too);
#   (c) encode time against `flac -5`, decode time against `flac -d` (both decoders write a WAV file).
# Every tool is timed as a whole process, JVM start-up included, best of RUNS with the tools taking turns.
#
# Needs: flac, sox and bc (Debian: apt-get install flac sox bc), Java 17+ and Maven with the project's
# dependencies already in the local repository (it builds the io module offline, with its test classes,
# which hold the small command-line FlacCodec it runs).
#
# Usage: bench/compare-flac.sh [MINUTES] [RUNS]   (defaults: 3 minutes, best of 3 runs)
# Work files go to bench/work/ (git-ignored); about 100 MB for 3 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
minutes="${1:-3}"
runs="${2:-3}"
work="$here/work"
mkdir -p "$work"
for tool in flac sox bc java mvn; do
    command -v "$tool" >/dev/null || { echo "${0##*/}: $tool is not installed (apt-get install flac sox bc)" >&2; exit 2; }
done

(cd "$root" && mvn -B -q -ntp -o -pl io -am test-compile)
# Time a snapshot of the classes, so that sources edited meanwhile (a shared checkout) change nothing.
classes="$work/flac-classes"
rm -rf "$classes"
mkdir -p "$classes"
cp -r "$root"/core/target/classes/. "$root"/io/target/classes/. "$root"/io/target/test-classes/. "$classes"/
ours=(java -XX:+UseSerialGC -Xshare:auto -cp "$classes" io.github.mixwright.io.FlacCodec)

# music-like: two plucked notes, sines under a slow tremolo, a sawtooth bass, noise, reverb
music() { # file rate bits
    [ -f "$1" ] && return
    echo "generating $1 ($minutes min of synthesised music)..." >&2
    sox -D -n -r "$2" -c 2 -b "$3" -e signed-integer "$1" synth "$((minutes * 60))" pluck 110 pluck 164.8 \
        synth sine mix 220 synth sine amod 0.3 60 synth sawtooth mix 55 synth pinknoise amod 2 90 \
        tremolo 4 40 reverb 60 50 100 gain -n -3
}

# race (best wall-clock time of each tool, the tools taking turns) and print_machine (CPU, JVM) are
# common.sh's; only those two are taken from it, since sourcing it all would need ffmpeg and the cli build.
eval "$(sed -n '/^declare -A BEST/,/^}/p; /^print_machine() {/,/^}/p' "$here/common.sh")"

pcm() { sox -D "$1" -t raw -e signed-integer -L - 2>/dev/null; }

print_machine
echo "reference: $(flac --version)"
echo "best of $runs runs, the tools taking turns, JVM start-up included"
status=0
for spec in "48000 24 48k-24bit" "44100 16 44k1-16bit"; do
    set -- $spec
    input="$work/music-${minutes}min-$3.wav"
    music "$input" "$1" "$2"
    t_enc_ours() { "${ours[@]}" encode "$input" "$work/out-ours.flac"; }
    t_enc_flac() { flac -s -f -5 "$input" -o "$work/out-flac.flac" 2>/dev/null; }
    t_dec_ours() { "${ours[@]}" decode "$work/out-flac.flac" "$work/out-ours.wav"; }
    t_dec_flac() { flac -s -f -d "$work/out-flac.flac" -o "$work/out-flac.wav"; }

    t_enc_ours
    check="ok"
    flac -s --test "$work/out-ours.flac" || check="FAILED flac --test"
    flac -s -f -d "$work/out-ours.flac" -o "$work/out-ours-by-flac.wav"
    cmp -s <(pcm "$input") <(pcm "$work/out-ours-by-flac.wav") || check="FAILED: flac -d gives other samples"
    t_enc_flac
    t_dec_ours
    cmp -s <(pcm "$input") <(pcm "$work/out-ours.wav") || check="FAILED: our decoder gives other samples"
    flac -s -f -5 --no-padding "$input" -o "$work/out-flac-nopad.flac" 2>/dev/null
    size_ours=$(stat -c %s "$work/out-ours.flac")
    size_flac=$(stat -c %s "$work/out-flac-nopad.flac")
    size_flac_padded=$(stat -c %s "$work/out-flac.flac")
    [ "$check" = ok ] || status=1

    race t_enc_ours t_enc_flac t_dec_ours t_dec_flac
    echo
    echo "$3: $input ($(($(stat -c %s "$input") / 1000000)) MB, $minutes min stereo)"
    echo "  (a) ours at level 5: flac --test and flac -d bit-exact: $check"
    printf '  (b) size: ours %d bytes, flac -5 --no-padding %d (with its padding %d): ours/flac %.4f (%+.2f %%; target within 3 %%)\n' \
        "$size_ours" "$size_flac" "$size_flac_padded" "$(echo "$size_ours / $size_flac" | bc -l)" \
        "$(echo "($size_ours / $size_flac - 1) * 100" | bc -l)"
    printf '  (c) encode: ours %s s, flac -5 %s s: flac/ours %.2f (above 1: ours is faster)\n' \
        "${BEST[t_enc_ours]}" "${BEST[t_enc_flac]}" "$(echo "${BEST[t_enc_flac]} / ${BEST[t_enc_ours]}" | bc -l)"
    printf '      decode: ours %s s, flac -d %s s: flac/ours %.2f\n' \
        "${BEST[t_dec_ours]}" "${BEST[t_dec_flac]}" "$(echo "${BEST[t_dec_flac]} / ${BEST[t_dec_ours]}" | bc -l)"
    unset 'BEST[t_enc_ours]' 'BEST[t_enc_flac]' 'BEST[t_dec_ours]' 'BEST[t_dec_flac]'
    rm -f "$work"/out-*.flac "$work"/out-*.wav
done
rm -rf "$classes"
exit $status
