#!/usr/bin/env bash
# Makes the FLAC interop files of io/src/test/resources/interop/flac; see NOTE.md there.
set -euo pipefail
src() { # name rate channels bits seconds sox-synth-arguments...
    local name=$1 rate=$2 ch=$3 bits=$4 secs=$5; shift 5
    sox -D -n -r "$rate" -c "$ch" -b "$bits" -e signed-integer "src-$name.wav" synth "$secs" "$@"
}
enc() { # name flac-options...
    local name=$1; shift
    flac -s -f "$@" "src-$name.wav" -o "$name.flac"
    flac -s -f -d "$name.flac" -o "$name.wav"
    rm "src-$name.wav"
}
src l0-16bit-stereo-44k1 44100 2 16 0.1 sine 440 sine 660 synth pinknoise mix gain -3
enc l0-16bit-stereo-44k1 -0 --no-padding
# mid-side: a sum and a difference of a tone and a noise
src pair 44100 2 16 0.08 sine 440 whitenoise gain -3
sox -D src-pair.wav src-l5-16bit-stereo-44k1-midside.wav remix 1v0.8,2v0.1 1v0.8,2v-0.1
rm src-pair.wav
enc l5-16bit-stereo-44k1-midside -5 --no-padding
src l5-24bit-stereo-48k 48000 2 24 0.07 sine 300-3000 pinknoise synth sine amod 3 gain -2
enc l5-24bit-stereo-48k -5 --no-padding -T TITLE=Interop -T ARTIST=Mixwright -T ARTIST=Second
src l8-16bit-mono-96k 96000 1 16 0.1 square 1000 synth pinknoise mix gain -1
enc l8-16bit-mono-96k -8
src l5-16bit-6ch-48k 48000 6 16 0.06 sine 200 sine 300 sine 400 pinknoise sine 50 whitenoise gain -6
enc l5-16bit-6ch-48k -5 --no-padding
src l8-24bit-stereo-37800-block999 37800 2 24 0.07 sine 500 sawtooth 250 synth brownnoise mix gain -4
enc l8-24bit-stereo-37800-block999 -8 --blocksize=999 --no-padding
src lpc32-16bit-mono-44k1 44100 1 16 0.1 sine 440 synth sine mix 1200 synth pinknoise mix gain -2
enc lpc32-16bit-mono-44k1 -8 -e -l 32 --lax --no-padding
# depths sox cannot write as WAV: 12 and 20 bits in WAVE_FORMAT_EXTENSIBLE with valid bits, 8 and 32
python3 "$(dirname "$0")/depths.py"
for f in 8bit-mono-8k 12bit-mono-11025 20bit-stereo-48k 32bit-mono-44k1; do
    flac -s -f -5 --no-padding "src-$f.wav" -o "l5-$f.flac"
    flac -s -f -d "l5-$f.flac" -o "l5-$f.wav"
    rm "src-$f.wav"
done
