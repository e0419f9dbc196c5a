package io.github.mixwright.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mixwright.core.AudioBuffer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mix report against closed forms: a centred mono sine of amplitude A puts {@code A cos(pi/4)} in
 * each channel (peak), {@code A cos(pi/4) / sqrt 2} RMS, and reads {@code -3.01 + 20 log10 A} LUFS
 * (BS.1770-4's figure for a 0 dBFS 997 Hz sine in one channel; the two channels' powers add back to it).
 */
class MixReportTest {
    private static final double RATE = 48_000;

    static AudioBuffer sines(int frames, double... hzAndAmplitude) {
        AudioBuffer b = AudioBuffer.allocate(1, frames);
        for (int i = 0; i < frames; i++) {
            double v = 0;
            for (int k = 0; k < hzAndAmplitude.length; k += 2) {
                v += hzAndAmplitude[k + 1] * Math.sin(2 * Math.PI * hzAndAmplitude[k] * i / RATE);
            }
            b.set(0, i, (float) v);
        }
        return b;
    }

    static MixReport measure(Mix mix) throws IOException {
        try (MixStream s = mix.openMeasured()) {
            AudioBuffer block = AudioBuffer.allocate(2, 5000);
            while (s.read(block) > 0) {
                // read to the end
            }
            return s.report();
        }
    }

    @Test
    void levelsLoudnessClippingAndSpectrumFollowTheClosedForms() throws IOException {
        int n = 5 * 48_000;
        Mix mix = Mix.builder(RATE)
                .track(Track.builder("sine").clip(Clip.of(ClipSource.of(sines(n, 997, 0.5), RATE))).build())
                .track(Track.builder("hot").clip(Clip.of(ClipSource.of(sines(n, 997, 0.5), RATE))).volumeDb(12).mute(false)
                        .build())
                .build();
        MixReport r = measure(mix);
        StripReport s = r.tracks().get(0);
        double a = 0.5 * Math.cos(Math.PI / 4);
        assertEquals(20 * Math.log10(a), s.peakDbfs(), 0.01);
        assertEquals(20 * Math.log10(a / Math.sqrt(2)), s.rmsDbfs(), 0.01);
        assertEquals(-3.01 + 20 * Math.log10(0.5), s.integratedLufs(), 0.05);
        assertEquals(0, s.clippedSamples());
        // the spectrum of the channels' mean: the sine reads its own level in the 1 kHz band
        int k = StripReport.BAND_NAMES.indexOf("1k");
        assertEquals(20 * Math.log10(a), s.bandsDb()[k], 0.2);
        assertTrue(s.bandsDb()[k - 3] < s.bandsDb()[k] - 40, "an octave away: " + s.bandsDb()[k - 3]);
        // 12 dB hotter: the peak is h = 10^(12/20) a = 1.41; |h sin| >= 1 for a share 1 - (2/pi) asin(1/h)
        // of every period, on both channels
        StripReport hot = r.tracks().get(1);
        double h = Math.pow(10, 12 / 20.0) * a;
        assertEquals(20 * Math.log10(h), hot.peakDbfs(), 0.01);
        assertEquals(2 * n * (1 - 2 / Math.PI * Math.asin(1 / h)), hot.clippedSamples(), 0.002 * n);
        assertEquals(5, r.seconds(), 1e-9);
        // the master: the two sines in phase add
        assertEquals(20 * Math.log10(a + h), r.master().peakDbfs(), 0.01);
    }

    @Test
    void kickAndBassMaskEachOtherAndTheHatsStandClear() throws IOException {
        int n = 3 * 48_000;
        Mix mix = Mix.builder(RATE)
                .track(Track.builder("kick").clip(Clip.of(ClipSource.of(sines(n, 60, 0.5, 80, 0.3), RATE))).build())
                .track(Track.builder("bass").clip(Clip.of(ClipSource.of(sines(n, 62, 0.4, 85, 0.4), RATE))).pan(-0.1).build())
                .track(Track.builder("hats").clip(Clip.of(ClipSource.of(sines(n, 8000, 0.2), RATE))).pan(0.4).build())
                .build();
        MixReport r = measure(mix);
        List<Masking> m = r.masking();
        assertEquals(1, m.size(), m.toString());
        Masking kb = m.get(0);
        assertEquals("kick and bass both dominate 63-80 Hz", kb.text());
        assertEquals(List.of("63", "80"), kb.bands());
        // the kick's 80 Hz partial lies 4.4 dB under its 60 Hz one; the bass's two are level: cut the kick
        assertEquals("cut kick by 3 dB around 70 Hz (peak freq=70 gain=-3 q=2.1)", kb.suggestion());
        assertTrue(!kb.pan(), "bass stays centred");
        String json = r.toJson();
        assertTrue(json.contains("\"text\" : \"kick and bass both dominate 63-80 Hz\""), json);
    }
}
