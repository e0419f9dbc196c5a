package io.github.mixwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A file-path parameter: text in chain syntax, quoted when it must be, fixed at prepare, resolved by a session. */
class PathParameterTest {
    /** A stand-in processor with one path and one number. */
    static final class Loader extends ParameterizedProcessor<Loader> {
        static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("loader", "test", List.of(
                ParameterSpec.path("file", "a file"), ParameterSpec.number("level", "dB", -60, 0, 0, "level")),
                0, Loader::new);
        String prepared;

        Loader() {
            super(DESCRIPTOR);
        }

        @Override
        protected void prepareSignal(ProcessSpec spec) {
            prepared = parameter("file").text();
        }

        @Override
        protected void processSignal(AudioBuffer block) {
            parameter("level").advance(block.frames());
        }
    }

    private final ProcessorRegistry registry = ProcessorRegistry.of(List.of(Loader.DESCRIPTOR));

    @Test
    void aPathIsTextInChainSyntaxQuotedWhenItMustBe() {
        ProcessorSettings plain = ProcessorSettings.parse("loader file=irs/hall.wav level=-3", registry);
        assertEquals("irs/hall.wav", plain.text("file"));
        assertEquals("loader file=irs/hall.wav level=-3", plain.toString());

        ChainSpec spec = ChainSpec.parse("loader file=\"My IRs/Hall | 2.wav\" | loader file=\"say \"\"hi\"\".wav\" level=-1",
                registry);
        assertEquals("My IRs/Hall | 2.wav", spec.stages().get(0).text("file"));
        assertEquals("say \"hi\".wav", spec.stages().get(1).text("file"));
        assertEquals("loader file=\"My IRs/Hall | 2.wav\" | loader file=\"say \"\"hi\"\".wav\" level=-1",
                spec.toString());
        assertEquals(spec.stages(), ChainSpec.parse(spec.toString(), registry).stages());

        ProcessorSettings windows = ProcessorSettings.parse("loader file=C:\\IRs\\hall.wav", registry);
        assertEquals("C:\\IRs\\hall.wav", windows.text("file"));

        ProcessorSettings none = ProcessorSettings.defaults(Loader.DESCRIPTOR);
        assertEquals("", none.text("file"));
        assertEquals("loader", none.toString());
        assertEquals("loader file=\"\" level=0", none.toFullString());
        assertEquals(none, ProcessorSettings.parse(none.toFullString(), registry));
        assertEquals(Map.of("file", ""), none.paths());
        assertEquals(Map.of("level", 0.0), none.values());
    }

    @Test
    void mistakesAreNamed() {
        assertMessage("stage 1: the quote opened at position 13 of 'loader file=\"a b' is not closed",
                "loader file=\"a b");
        assertMessage("stage 1 (loader): expected name=value, got 'file='", "loader file=");
        assertEquals("loader: file is a file path, not a number; read it with text(\"file\")",
                assertThrows(IllegalArgumentException.class,
                        () -> ProcessorSettings.defaults(Loader.DESCRIPTOR).get("file")).getMessage());
        assertEquals("loader: level is a number, not a file path", assertThrows(IllegalArgumentException.class,
                () -> ProcessorSettings.defaults(Loader.DESCRIPTOR).with("level", "x.wav")).getMessage());
        assertEquals("loader: file is a file path, not a number; set it as text", assertThrows(
                IllegalArgumentException.class, () -> new Loader().set("file", 3.0)).getMessage());
        assertEquals("loader: file: the path holds a control character at position 1", assertThrows(
                IllegalArgumentException.class, () -> new Loader().set("file", "a\nb")).getMessage());
        assertTrue(ParameterSpec.path("ir", "the response").summary().startsWith("ir (path), fixed at prepare"));
    }

    private void assertMessage(String expected, String chain) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> ChainSpec.parse(chain, registry))
                .getMessage());
    }

    @Test
    void aPathIsFixedAtPrepareAndTravelsWithTheSettings() {
        Loader p = new Loader().set("file", "a.wav");
        assertEquals("a.wav", p.settings().text("file"));
        Loader copy = (Loader) p.settings().create();
        assertEquals(p.settings(), copy.settings());
        assertThrows(IllegalArgumentException.class, () -> p.automate("file", Automation.builder(0, 0).build()));
        p.prepare(new ProcessSpec(48_000, 16, 1));
        assertEquals("a.wav", p.prepared);
        p.set("file", "b.wav");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.process(AudioBuffer.allocate(1, 16)));
        assertEquals("loader: file was set to b.wav after prepare (prepared with a.wav); it is fixed at prepare, "
                + "so prepare again", e.getMessage());
        assertTrue(!p.settings().equals(ProcessorSettings.parse("loader file=a.wav", registry)));
    }

    @Test
    void aSessionResolvesRelativePathsAgainstItsFolder() {
        Path base = Path.of("sessions", "song").toAbsolutePath();
        ProcessorSettings relative = ProcessorSettings.parse("loader file=../irs/hall.wav", registry);
        assertEquals(base.resolve("../irs/hall.wav").normalize().toString(),
                relative.resolvePaths(base).text("file"));
        String absolute = Path.of("irs", "x.wav").toAbsolutePath().toString();
        ProcessorSettings fixed = ProcessorSettings.defaults(Loader.DESCRIPTOR).with("file", absolute);
        assertEquals(absolute, fixed.resolvePaths(base).text("file"));
        assertEquals("", ProcessorSettings.defaults(Loader.DESCRIPTOR).resolvePaths(base).text("file"));
    }
}
