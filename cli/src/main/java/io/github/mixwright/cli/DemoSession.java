package io.github.mixwright.cli;

import io.github.mixwright.core.Automation;
import io.github.mixwright.mix.Bus;
import io.github.mixwright.mix.Clip;
import io.github.mixwright.mix.Mix;
import io.github.mixwright.mix.Send;
import io.github.mixwright.mix.Track;
import java.nio.file.Path;

/**
 * The demo's mix of {@link DemoSong}'s stems, written with the builder; {@code mixwright demo} saves it as
 * {@code session.json}, the session file docs/mix.md shows. Each track gets what its recording needs:
 * EQ and compression, the bass a compressor keyed by the drums, the guitar a gate, the harmony a
 * de-esser; the pads fade in, the vocal is ridden, the lead pans across; a reverb bus and a delay bus.
 */
final class DemoSession {
    private DemoSession() {
    }

    /** The mix of the stems in {@code stems} (NAME.wav each), at the demo's rate. */
    static Mix mix(Path stems) {
        Path dir = stems.toAbsolutePath();
        return Mix.builder(DemoSong.SAMPLE_RATE)
                .track(Track.builder("drums").clip(Clip.of(dir.resolve("drums.wav"), 0)).volumeDb(0)
                        .inserts("highpass freq=30 | compressor threshold=-16 ratio=3 attack=5 release=80 makeup=2")
                        .send(Send.of("verb", -22)).build())
                // The drums key the bass's compressor through its low end (a key EQ boost at 60 Hz): the
                // bass ducks under every kick, and the two stop fighting for 63-80 Hz.
                .track(Track.builder("bass").clip(Clip.of(dir.resolve("bass.wav"), 0)).volumeDb(-7)
                        .inserts("highpass freq=35 | peak freq=100 gain=2 q=1 | compressor threshold=-20 ratio=6 "
                                + "attack=1 release=90 keyeqfreq=60 keyeqgain=12")
                        .sideChain(2, "drums").build())
                .track(Track.builder("pads").clip(Clip.of(dir.resolve("pads.wav"), 0)).volumeDb(-12)
                        .inserts("highpass freq=180 | width amount=1.3")
                        .volumeAutomation(Automation.builder(0, -40).sCurveTo(4, -12).build())
                        .send(Send.of("verb", -6)).build())
                .track(Track.builder("lead").clip(Clip.of(dir.resolve("lead.wav"), 0)).volumeDb(-14)
                        .inserts("eq b1type=highpass b1freq=150 b2type=peak b2freq=2500 b2gain=2 b2q=1")
                        .panAutomation(Automation.builder(4, -0.5).sCurveTo(16, 0.5).build())
                        .send(Send.of("echo", -8)).build())
                .track(Track.builder("vocal").clip(Clip.of(dir.resolve("vocal.wav"), 0)).volumeDb(0)
                        .inserts("highpass freq=90 | compressor threshold=-24 ratio=3 attack=3 release=120 "
                                + "| peak freq=3000 gain=2.5 q=0.9")
                        .volumeAutomation(Automation.builder(0, 0).holdTo(7.5, 0).linearTo(8, 3)
                                .holdTo(15.5, 3).linearTo(16.5, -2).build())
                        .send(Send.of("verb", -12)).send(Send.of("echo", -18)).build())
                .track(Track.builder("guitar").clip(Clip.of(dir.resolve("guitar.wav"), 0)).volumeDb(-7).pan(-0.45)
                        .inserts("highpass freq=100 | gate threshold=-36 range=60 hold=30 release=60").build())
                .track(Track.builder("harmony").clip(Clip.of(dir.resolve("harmony.wav"), 0)).volumeDb(-5).pan(0.45)
                        .inserts("highpass freq=150 | deesser freq=7000 q=0.5 threshold=-40 ratio=10 range=24")
                        .send(Send.of("verb", -10)).build())
                .bus(Bus.of("verb", "reverb rt60=1.6 predelay=20 damping=0.5 mix=1"))
                .bus(Bus.of("echo", "delay note=1/8d bpm=120 feedback=0.3 lowcut=200 highcut=5000 mix=1")
                        .withVolumeDb(-2))
                .master("compressor threshold=-14 ratio=2 attack=30 release=250 detector=rms")
                .build();
    }
}
