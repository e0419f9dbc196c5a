#!/usr/bin/env bash
# Side-by-side: three effects of `mixwright process` against their usual open-source peers on the same
# 60-minute stereo 48 kHz 24-bit WAV, every tool timed as a whole process (JVM start-up included), the
# tools taking turns, best of RUNS. Outputs are 32-bit float WAV.
#
#   convolution reverb, a 3-second stereo response (decaying white noise made by SoX), wet only:
#     mixwright: process IN OUT --chain "convolver ir=IR mix=1"
#     ffmpeg:    -i IN -i IR -filter_complex "[0:a][1:a]afir=dry=0:wet=1"
#   algorithmic reverb, wet only, about 2 s of decay:
#     mixwright: --chain "reverb rt60=2 mix=1"
#     sox:       reverb -w 50 50 100   (Freeverb: reverberance 50 %, HF damping 50 %, room scale 100 %)
#   saturation, tanh at 12 dB of drive, 4x oversampled:
#     mixwright: --chain "saturator type=tanh drive=12 oversample=4 mix=1"
#     ffmpeg:    -af "volume=12dB,asoftclip=type=tanh:oversample=4"
#
# Needs: sox, ffmpeg and bc (Debian: apt-get install sox ffmpeg bc), and the project built once (the
# ./mixwright launcher builds it on first use).
#
# Usage: bench/compare-effects.sh [MINUTES] [RUNS]   (defaults: 60 minutes, best of 3 runs)
# Work files go to bench/work/ (git-ignored); about 2.4 GB for 60 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"

ir="$work/ir-3s-stereo.wav"
if [ ! -f "$ir" ]; then
    sox -n -r 48000 -c 2 -b 32 -e floating-point "$ir" synth 3 whitenoise gain -30 fade t 0 3 2.9
fi
conv_chain="convolver ir=$ir mix=1"
rev_chain="reverb rt60=2 mix=1"
sat_chain="saturator type=tanh drive=12 oversample=4 mix=1"
ff=(ffmpeg -nostdin -y -loglevel error)

t_conv_ours() { "${mixwright[@]}" process "$input" "$work/out-conv-mixwright.wav" --chain "$conv_chain" --encoding float32; }
t_conv_ff() { "${ff[@]}" -i "$input" -i "$ir" -filter_complex "[0:a][1:a]afir=dry=0:wet=1" -c:a pcm_f32le \
    "$work/out-conv-ffmpeg.wav"; }
t_rev_ours() { "${mixwright[@]}" process "$input" "$work/out-rev-mixwright.wav" --chain "$rev_chain" --encoding float32; }
t_rev_sox() { sox "$input" -b 32 -e floating-point "$work/out-rev-sox.wav" reverb -w 50 50 100; }
t_sat_ours() { "${mixwright[@]}" process "$input" "$work/out-sat-mixwright.wav" --chain "$sat_chain" --encoding float32; }
t_sat_ff() { "${ff[@]}" -i "$input" -af "volume=12dB,asoftclip=type=tanh:oversample=4" -c:a pcm_f32le \
    "$work/out-sat-ffmpeg.wav"; }
train process "$input" "$work/out-conv-mixwright.wav" --chain "$conv_chain | $rev_chain | $sat_chain" --encoding float32
race t_conv_ours t_conv_ff
race t_rev_ours t_rev_sox
race t_sat_ours t_sat_ff

bytes=$(stat -c %s "$input")
echo "input: $input ($((bytes / 1000000)) MB, $minutes min stereo 48 kHz 24-bit), best of $runs runs, the tools taking turns"
print_machine
echo
printf '%-30s %10s %10s %14s\n' "" mixwright peer "peer/mixwright"
printf '%-30s %10s %10s %14.2f  (target 1.0)\n' "convolver vs ffmpeg afir" "${BEST[t_conv_ours]}" "${BEST[t_conv_ff]}" \
    "$(echo "${BEST[t_conv_ff]} / ${BEST[t_conv_ours]}" | bc -l)"
printf '%-30s %10s %10s %14.2f  (target 1.0)\n' "reverb vs sox reverb" "${BEST[t_rev_ours]}" "${BEST[t_rev_sox]}" \
    "$(echo "${BEST[t_rev_sox]} / ${BEST[t_rev_ours]}" | bc -l)"
printf '%-30s %10s %10s %14.2f  (target 1.0)\n' "saturator 4x vs asoftclip 4x" "${BEST[t_sat_ours]}" "${BEST[t_sat_ff]}" \
    "$(echo "${BEST[t_sat_ff]} / ${BEST[t_sat_ours]}" | bc -l)"
rm -f "$work"/out-*.wav "$work/mixwright-timed.jar" "$jsa"
