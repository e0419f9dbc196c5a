package io.github.mixwright.mix;

import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.Processor;
import io.github.mixwright.core.ProcessorRegistry;
import io.github.mixwright.core.ProcessorSettings;
import io.github.mixwright.core.StereoWidth;
import io.github.mixwright.dynamics.Compressor;
import io.github.mixwright.dynamics.TruePeakLimiter;
import io.github.mixwright.filters.EqBand;
import io.github.mixwright.filters.FilterType;
import io.github.mixwright.filters.ParametricEq;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The processing of a {@link Master}: stages before the limiter, then the true-peak limiter, whose ceiling
 * is the target's. Immutable; each {@code with...} returns a new chain. The default
 * ({@link #defaults()}) holds, in this order:
 * <ol>
 *   <li>a gentle corrective EQ, off unless asked for ({@link #withGentleEq()}: a 25 Hz high-pass against
 *       rumble that would spend the limiter's headroom on nothing audible; or {@link #withEq} of your own);</li>
 *   <li>a glue compressor, {@value #GLUE}: about 1 to 3 dB of reduction on a mix whose peaks come near
 *       full scale, nothing on a quiet one ({@link #withCompressor}, {@link #withoutCompressor()});</li>
 *   <li>width, off unless asked for ({@link #withWidth});</li>
 *   <li>your inserts, in order ({@link #insertBeforeLimiter});</li>
 *   <li>the limiter, {@value #LIMITER} with the target's ceiling ({@link #withLimiter}).</li>
 * </ol>
 * A master renders its chain several times (an analysis pass, then the written one), so the chain holds
 * how to make each stage, not the stage: processors given as objects are kept as their settings
 * ({@link ParameterizedProcessor#settings()}, values; automation is not kept), and any other processor
 * comes from a {@link Supplier} that makes a new one each time. The gain that meets the target is applied
 * between the last stage and the limiter.
 */
public final class MasterChain {
    /** The default glue compressor, as a chain stage. */
    public static final String GLUE =
            "compressor threshold=-14 ratio=1.5 knee=6 attack=30 release=300 autorelease=on detector=rms window=30";
    /** The default limiter, as a chain stage; the ceiling is always the target's. */
    public static final String LIMITER = "limiter lookahead=5 release=100";
    private static final String GENTLE_EQ = "eq b1type=highpass b1freq=25 b1q=0.707";

    private record Stage(String role, String text, Supplier<? extends Processor> make) {
    }

    private final Stage eq;
    private final Stage compressor;
    private final Stage width;
    private final List<Stage> inserts;
    private final ProcessorSettings limiter;
    /** Stages from a chain spec, replacing the first three; null if none was given. */
    private final List<Stage> spec;

    private MasterChain(Stage eq, Stage compressor, Stage width, List<Stage> inserts, ProcessorSettings limiter,
            List<Stage> spec) {
        this.eq = eq;
        this.compressor = compressor;
        this.width = width;
        this.inserts = List.copyOf(inserts);
        this.limiter = limiter;
        this.spec = spec == null ? null : List.copyOf(spec);
    }

    private static final ProcessorRegistry BUILT_IN = ProcessorRegistry.of(List.of(Compressor.DESCRIPTOR,
            TruePeakLimiter.DESCRIPTOR, ParametricEq.DESCRIPTOR, StereoWidth.DESCRIPTOR));

    private static Stage stage(String role, ProcessorSettings s) {
        return new Stage(role, s.toString(), s::create);
    }

    /** The glue compressor and the limiter; no EQ, no width. */
    public static MasterChain defaults() {
        return new MasterChain(null, stage("compressor", ProcessorSettings.parse(GLUE, BUILT_IN)), null, List.of(),
                ProcessorSettings.parse(LIMITER, BUILT_IN), null);
    }

    /**
     * A chain from chain-spec text ({@code "eq ... | compressor ... | limiter ..."}): its stages replace the
     * default's EQ, compressor and width; a last {@code limiter} stage gives the limiter's settings (its
     * ceiling is still the target's), and without one the default limiter ends the chain.
     *
     * @throws IllegalArgumentException as {@link ChainSpec#parse} does, naming the stage
     */
    public static MasterChain parse(String text, ProcessorRegistry registry) {
        ChainSpec parsed = ChainSpec.parse(text, registry);
        List<ProcessorSettings> stages = new ArrayList<>(parsed.stages());
        ProcessorSettings limit = ProcessorSettings.parse(LIMITER, BUILT_IN);
        if (!stages.isEmpty() && stages.get(stages.size() - 1).name().equals(TruePeakLimiter.DESCRIPTOR.name())) {
            limit = stages.remove(stages.size() - 1);
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equals(TruePeakLimiter.DESCRIPTOR.name())) {
                throw new IllegalArgumentException("stage " + (i + 1) + " (limiter): the limiter can only be the last stage");
            }
        }
        List<Stage> list = stages.stream().map(s -> stage("spec", s)).collect(Collectors.toList());
        return new MasterChain(null, null, null, List.of(), limit, list);
    }

    /** With the gentle corrective EQ: a 25 Hz high-pass (Butterworth, Q 0.707). */
    public MasterChain withGentleEq() {
        return withEqStage(stage("eq", ProcessorSettings.parse(GENTLE_EQ, BUILT_IN)));
    }

    /** With {@code eq} (its settings) as the corrective EQ. */
    public MasterChain withEq(ParametricEq eq) {
        return withEqStage(stage("eq", Objects.requireNonNull(eq, "eq").settings()));
    }

    /** With an EQ of {@code bands}. */
    public MasterChain withEq(EqBand... bands) {
        return withEq(ParametricEq.of(bands));
    }

    private MasterChain withEqStage(Stage s) {
        return new MasterChain(s, compressor, width, inserts, limiter, spec);
    }

    /** With {@code c} (its settings) as the compressor. */
    public MasterChain withCompressor(Compressor c) {
        Stage s = stage("compressor", Objects.requireNonNull(c, "compressor").settings());
        return new MasterChain(eq, s, width, inserts, limiter, spec);
    }

    /** Without a compressor. */
    public MasterChain withoutCompressor() {
        return new MasterChain(eq, null, width, inserts, limiter, spec);
    }

    /**
     * With the stereo width at {@code amount} (0 mono, 1 unchanged, 2 twice as wide; see
     * {@link StereoWidth}). A mono input then comes out stereo.
     */
    public MasterChain withWidth(double amount) {
        Stage s = stage("width", new StereoWidth().setAmount(amount).settings());
        return new MasterChain(eq, compressor, s, inserts, limiter, spec);
    }

    /** Adds {@code p} (its settings) after the other stages, just before the limiter. */
    public MasterChain insertBeforeLimiter(ParameterizedProcessor<?> p) {
        return insert(stage("insert", Objects.requireNonNull(p, "processor").settings()));
    }

    /**
     * Adds a stage made by {@code make} (a new processor each time it is called) just before the limiter.
     *
     * @param name how the report names it
     */
    public MasterChain insertBeforeLimiter(String name, Supplier<? extends Processor> make) {
        return insert(new Stage("insert", Objects.requireNonNull(name, "name"), Objects.requireNonNull(make, "make")));
    }

    private MasterChain insert(Stage s) {
        List<Stage> list = new ArrayList<>(inserts);
        list.add(s);
        return new MasterChain(eq, compressor, width, list, limiter, spec);
    }

    /** With the limiter's lookahead, release, auto release and link from {@code l} (the ceiling is the target's). */
    public MasterChain withLimiter(TruePeakLimiter l) {
        return new MasterChain(eq, compressor, width, inserts, Objects.requireNonNull(l, "limiter").settings(), spec);
    }

    private List<Stage> stages() {
        List<Stage> list = new ArrayList<>();
        if (spec != null) {
            list.addAll(spec);
        } else {
            for (Stage s : new Stage[] {eq, compressor, width}) {
                if (s != null) {
                    list.add(s);
                }
            }
        }
        list.addAll(inserts);
        return list;
    }

    /** A new chain of the stages before the limiter (possibly empty). */
    Chain buildBeforeLimiter() {
        List<Processor> list = new ArrayList<>();
        for (Stage s : stages()) {
            list.add(s.make().get());
        }
        return Chain.of(list.toArray(new Processor[0]));
    }

    /** A new limiter with this chain's settings and {@code ceilingDbtp}. */
    TruePeakLimiter buildLimiter(double ceilingDbtp) {
        TruePeakLimiter l = (TruePeakLimiter) limiter.create();
        return l.setCeilingDbtp(ceilingDbtp);
    }

    /** The limiter's release, ms, and lookahead, ms. */
    double limiterReleaseMs() {
        return limiter.get("release");
    }

    double limiterLookaheadMs() {
        return limiter.get("lookahead");
    }

    /** The chain as chain-spec text, the limiter last (its ceiling shown as the target's). */
    public String describe() {
        List<String> parts = stages().stream().map(Stage::text).collect(Collectors.toList());
        parts.add(limiter.toString().replaceAll(" ceiling=[^ ]+", "") + " ceiling=target");
        return String.join(" | ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }
}
