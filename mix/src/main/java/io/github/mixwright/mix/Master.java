package io.github.mixwright.mix;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.AudioSource;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.Processor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.dynamics.ReductionMeter;
import io.github.mixwright.dynamics.TruePeakLimiter;
import io.github.mixwright.io.Dither;
import io.github.mixwright.io.Quantizer;
import io.github.mixwright.io.SampleEncoding;
import io.github.mixwright.io.WavReader;
import io.github.mixwright.io.WriteOptions;
import io.github.mixwright.loudness.LoudnessMeter;
import io.github.mixwright.loudness.LoudnessResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Mastering in one call: a mix in, a file out that meets a loudness target and a true-peak ceiling. Immutable
 * and fluent; each {@code with...} returns a new master.
 *
 * <pre>{@code
 * MasterResult r = Master.of(Path.of("mix.wav")).withPreset(Preset.SPOTIFY).render(Path.of("master.wav"));
 * System.out.println(r.output().integratedLufs());   // -14.00
 * }</pre>
 *
 * <p><b>How.</b> The input runs through the {@link MasterChain} (by default a glue compressor), then a gain,
 * then the true-peak limiter with the target's ceiling, then quantisation and dither to the output
 * encoding. The gain is what makes the loudness exact:
 * <ol>
 *   <li>an <i>analysis pass</i> measures the input and the chain's output, and keeps a
 *       {@link LoudnessModel} of it, from which the gain that meets the target is solved;</li>
 *   <li>the <i>written pass</i> renders with that gain and measures its own output as it writes it: the
 *       quantised, dithered samples that go into the file. Within {@value #ACCEPT_LU} LU of the target and
 *       at or under the ceiling, the file is kept;</li>
 *   <li>otherwise (heavy limiting, where the model is approximate) a <i>correction pass</i> renders again
 *       with the gain corrected by the model's measured error, and that file is kept.</li>
 * </ol>
 * At most 3 passes; {@link MasterResult#passes()} says how many ran. Several targets
 * ({@link #render(List)}) share the analysis and the passes: the chain runs once per pass and each target
 * has its own gain, limiter and file.
 *
 * <p><b>Honest limits.</b> A quiet, very dynamic mix may need more limiting than is good for it to reach a
 * loud target. The needed peak reduction (the chain output's true peak plus the gain, minus the ceiling)
 * is capped at {@link #withMaxLimitingDb} ({@value #DEFAULT_MAX_LIMITING_DB} dB by default): the master
 * then stops at the loudest it can be within that, says so in a warning ("target not reached: -11.2 LUFS;
 * reaching -9 would need 8.4 dB of limiting") and reports {@code targetReached = false}.
 * {@link #withStrict strict} mastering throws a {@link MasterException} instead, before anything is
 * written. A mix louder than the target is turned down, never limited harder.
 *
 * <p><b>Nothing half-done.</b> Files are written atomically: a failure, a cancellation or a rejected pass
 * leaves nothing at the target. The output is bit-identical across runs and thread counts.
 */
public final class Master {
    /** How close to the target a master's loudness is made, LU. */
    public static final double TOLERANCE_LU = 0.05;
    /** How close the written pass must come for its file to be kept without a correction, LU. */
    public static final double ACCEPT_LU = 0.02;
    /** Default cap on the limiter's peak reduction, dB. */
    public static final double DEFAULT_MAX_LIMITING_DB = 6;
    /** Largest cap on the limiter's peak reduction, dB. */
    public static final double MAX_LIMITING_DB = 30;
    /** The target when none is given: Spotify's, -14 LUFS and -1 dBTP. */
    public static final MasterTarget DEFAULT_TARGET = Preset.SPOTIFY.target();

    /**
     * One master to make.
     *
     * @param name names it in reports (a preset's id)
     * @param target its loudness and ceiling
     * @param file where to write it, or null to keep it in memory ({@link MasterResult#audio()})
     */
    public record Output(String name, MasterTarget target, Path file) {
        public Output {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
        }

        /** A preset's master, written to {@code file}. */
        public static Output of(Preset preset, Path file) {
            return new Output(preset.id(), preset.target(), Objects.requireNonNull(file, "file"));
        }
    }

    /** One source, or an album's tracks in order. */
    private final List<MasterSource> sources;
    private final MasterChain chain;
    private final MasterTarget target;
    private final String targetName;
    private final double maxLimitingDb;
    private final boolean strict;
    private final SampleEncoding encoding;
    private final Dither dither;
    private final long seed;
    private final Executor threads;
    private final Executor workers;
    private final MasterListener listener;
    private final BooleanSupplier cancelled;

    private Master(List<MasterSource> sources, MasterChain chain, MasterTarget target, String targetName, double maxLimitingDb,
            boolean strict, SampleEncoding encoding, Dither dither, long seed, Executor threads, Executor workers,
            MasterListener listener, BooleanSupplier cancelled) {
        this.sources = List.copyOf(sources);
        this.chain = chain;
        this.target = target;
        this.targetName = targetName;
        this.maxLimitingDb = maxLimitingDb;
        this.strict = strict;
        this.encoding = encoding;
        this.dither = dither;
        this.seed = seed;
        this.threads = threads;
        this.workers = workers;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    /** A master of whatever {@code source} gives, with the defaults: the default chain, -14 LUFS / -1 dBTP, 24-bit. */
    public static Master of(MasterSource source) {
        return new Master(List.of(Objects.requireNonNull(source, "source")), MasterChain.defaults(), DEFAULT_TARGET,
                Preset.SPOTIFY.id(), DEFAULT_MAX_LIMITING_DB, false, SampleEncoding.PCM24, null,
                WriteOptions.DEFAULT_SEED, null, null, (pass, p) -> { }, () -> false);
    }

    /**
     * An album: {@code tracks} mastered together with one gain, so that they keep their relative loudness,
     * the album's integrated loudness (their gating blocks pooled, EBU R128) meets the target and every
     * track's true peak stays at or under the ceiling. Render it with {@link #renderAlbum}.
     */
    public static Master album(List<MasterSource> tracks) {
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("tracks is empty: an album needs at least one");
        }
        return of(tracks.get(0)).withSources(tracks);
    }

    /** An album of WAV files. */
    public static Master albumOf(List<Path> files) {
        List<MasterSource> list = new ArrayList<>();
        for (Path f : files) {
            Objects.requireNonNull(f, "file");
            list.add(() -> WavReader.open(f, false));
        }
        return album(list);
    }

    private Master withSources(List<MasterSource> s) {
        return new Master(s, chain, target, targetName, maxLimitingDb, strict, encoding, dither, seed, threads,
                workers, listener, cancelled);
    }

    /** A master of a WAV file, read once per pass. */
    public static Master of(Path file) {
        Objects.requireNonNull(file, "file");
        return of(() -> WavReader.open(file, false));
    }

    /** A master of audio in memory at {@code sampleRate} Hz (not copied: leave it alone meanwhile). */
    public static Master of(AudioBuffer audio, double sampleRate) {
        Objects.requireNonNull(audio, "audio");
        Checks.inRange("sampleRate", sampleRate, 8_000, 384_000);
        return of(() -> AudioSource.of(audio, sampleRate));
    }

    private Master with(MasterChain c, MasterTarget t, String tn, double max, boolean s, SampleEncoding e, Dither d,
            long sd, Executor th, Executor w, MasterListener l, BooleanSupplier cn) {
        return new Master(sources, c, t, tn, max, s, e, d, sd, th, w, l, cn);
    }

    /** Through {@code c} instead of the default chain. */
    public Master withChain(MasterChain c) {
        return with(Objects.requireNonNull(c, "chain"), target, targetName, maxLimitingDb, strict, encoding, dither,
                seed, threads, workers, listener, cancelled);
    }

    /** To {@code t}, named "custom" in reports. */
    public Master withTarget(MasterTarget t) {
        return with(chain, Objects.requireNonNull(t, "target"), "custom", maxLimitingDb, strict, encoding, dither,
                seed, threads, workers, listener, cancelled);
    }

    /** To {@code preset}'s target. */
    public Master withPreset(Preset preset) {
        return with(chain, preset.target(), preset.id(), maxLimitingDb, strict, encoding, dither, seed, threads,
                workers, listener, cancelled);
    }

    /**
     * Caps the limiter's peak reduction at {@code db}.
     *
     * @param db 0 to {@value #MAX_LIMITING_DB}
     */
    public Master withMaxLimitingDb(double db) {
        Checks.inRange("maxLimitingDb", db, 0, MAX_LIMITING_DB);
        return with(chain, target, targetName, db, strict, encoding, dither, seed, threads, workers, listener,
                cancelled);
    }

    /** Whether a target out of reach within the limiting cap is an error ({@link MasterException}) rather than a warning. */
    public Master withStrict(boolean on) {
        return with(chain, target, targetName, maxLimitingDb, on, encoding, dither, seed, threads, workers, listener,
                cancelled);
    }

    /** Writes {@code e}: pcm16, pcm24 (the default), pcm32 or float32 (pcm8 and float64 too). */
    public Master withEncoding(SampleEncoding e) {
        return with(chain, target, targetName, maxLimitingDb, strict, Objects.requireNonNull(e, "encoding"), dither,
                seed, threads, workers, listener, cancelled);
    }

    /** Dithers with {@code d}; by default TPDF for integer encodings, none for floats. */
    public Master withDither(Dither d) {
        return with(chain, target, targetName, maxLimitingDb, strict, encoding, Objects.requireNonNull(d, "dither"),
                seed, threads, workers, listener, cancelled);
    }

    /** The dither's seed (a fixed default, so that masters are reproducible). */
    public Master withDitherSeed(long s) {
        return with(chain, target, targetName, maxLimitingDb, strict, encoding, dither, s, threads, workers, listener,
                cancelled);
    }

    /** Lends threads for reading ahead and writing behind ({@link Render#withThreads}). */
    public Master withThreads(Executor t) {
        return with(chain, target, targetName, maxLimitingDb, strict, encoding, dither, seed, t, workers, listener,
                cancelled);
    }

    /**
     * Lends a pool on which the limiters detect their channels in parallel. It must not be the executor of
     * {@link #withThreads}: a lent reading thread could hold the pool's only thread.
     */
    public Master withWorkers(Executor w) {
        return with(chain, target, targetName, maxLimitingDb, strict, encoding, dither, seed, threads, w, listener,
                cancelled);
    }

    /** Reports progress to {@code l}. */
    public Master onProgress(MasterListener l) {
        return with(chain, target, targetName, maxLimitingDb, strict, encoding, dither, seed, threads, workers,
                Objects.requireNonNull(l, "listener"), cancelled);
    }

    /** Stops at the next block once {@code c} returns true; nothing is left at any target. */
    public Master cancelledWhen(BooleanSupplier c) {
        return with(chain, target, targetName, maxLimitingDb, strict, encoding, dither, seed, threads, workers,
                listener, Objects.requireNonNull(c, "cancelled"));
    }

    /**
     * Masters to this master's target, into {@code file}.
     *
     * @throws MasterException if the input is silent, or strict and the target is out of reach
     * @throws RenderFailure if reading the input or writing the file fails
     * @throws CancellationException if cancelled
     */
    public MasterResult render(Path file) throws IOException {
        return render(List.of(new Output(targetName, target, Objects.requireNonNull(file, "file")))).get(0);
    }

    /** Masters to this master's target, in memory ({@link MasterResult#audio()}). */
    public MasterResult renderToMemory() throws IOException {
        return render(List.of(new Output(targetName, target, null))).get(0);
    }

    /** One master per preset, written to {@code dir/<baseName>-<preset>.wav}. */
    public List<MasterResult> renderPlatforms(Path dir, String baseName, List<Preset> presets) throws IOException {
        List<Output> outputs = new ArrayList<>();
        for (Preset p : presets) {
            outputs.add(Output.of(p, dir.resolve(baseName + "-" + p.id() + ".wav")));
        }
        return render(outputs);
    }

    /**
     * Masters to every output from one analysis: the chain runs once per pass, and each output gets its own
     * gain, limiter and file. In strict mode, a target out of reach fails the whole call before anything is
     * written.
     */
    public List<MasterResult> render(List<Output> outputs) throws IOException {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs is empty: give at least one");
        }
        java.util.Set<Path> files = new java.util.HashSet<>();
        for (Output o : outputs) {
            if (o.file() != null && !files.add(o.file().toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("two outputs are written to " + o.file() + ": give each its own file");
            }
        }
        if (sources.size() != 1) {
            throw new IllegalStateException("this master is an album of " + sources.size() + " tracks: use renderAlbum");
        }
        Analysis a = analyse(sources.get(0), cacheBudget());
        Program one = Program.of(List.of(a));
        List<Plan> plans = new ArrayList<>();
        for (Output o : outputs) {
            plans.add(plan(one, o));
        }
        if (strict) {
            for (Plan p : plans) {
                if (!p.reachable) {
                    throw new MasterException(MasterException.Reason.TARGET_NOT_REACHED, p.output.name() + ": "
                            + notReached(p.predictedLufs, p));
                }
            }
        }
        MasterResult[] results = new MasterResult[outputs.size()];
        List<Branch> written = pass(sources.get(0), a, plans, null, 2);
        List<Plan> again = new ArrayList<>();
        List<Branch> pending = new ArrayList<>();
        for (Branch b : written) {
            Plan corrected = b.plan.reachable || b.truePeakOver()
                    ? correct(one, b.plan, b.meter.integratedLufs(), b.truePeakOver() ? b.meter.truePeakDbtp() : null)
                    : null;
            if (corrected == null) {
                pending.add(b);
            } else {
                again.add(corrected);
                b.discard();
            }
        }
        if (strict) {
            for (Plan p : again) {
                if (!p.reachable) {
                    discardAll(pending);
                    throw new MasterException(MasterException.Reason.TARGET_NOT_REACHED, p.output.name() + ": "
                            + notReached(p.predictedLufs, p));
                }
            }
        }
        List<Branch> corrections;
        try {
            corrections = again.isEmpty() ? List.of() : pass(sources.get(0), a, again, null, 3);
        } catch (IOException | RuntimeException | Error e) {
            // the files the written pass kept wait for the corrections: none of them stays
            discardAll(pending);
            throw e;
        }
        List<Branch> all = new ArrayList<>(pending);
        all.addAll(corrections);
        try {
            for (Branch b : all) {
                b.commit();
            }
        } catch (IOException | RuntimeException e) {
            discardAll(all);
            throw e;
        }
        for (Branch b : all) {
            results[indexOf(outputs, b.plan.output, results)] = b.result(corrections.contains(b) ? 3 : 2, null);
        }
        return List.of(results);
    }

    /**
     * Masters an album ({@link #album}) into {@code files}, one per track in order: one gain for every track,
     * so their loudness differences stay as the chain leaves them; the album's integrated loudness meets the
     * target, every track's true peak the ceiling. Each pass renders the tracks one after the other; at most
     * 3 passes. Nothing is written unless every track is.
     *
     * @param files where each track goes; null entries keep that track in memory
     */
    public AlbumResult renderAlbum(List<Path> files) throws IOException {
        if (files.size() != sources.size()) {
            throw new IllegalArgumentException("files has " + files.size() + " entries for " + sources.size()
                    + " tracks: give one per track");
        }
        java.util.Set<Path> seen = new java.util.HashSet<>();
        List<Output> outputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            if (f != null && !seen.add(f.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("two tracks are written to " + f + ": give each its own file");
            }
            String name = f == null ? "track " + (i + 1)
                    : f.getFileName().toString().replaceFirst("(?i)\\.wav$", "");
            outputs.add(new Output(name, target, f));
        }
        long[] budget = cacheBudget();
        List<Analysis> tracks = new ArrayList<>();
        for (MasterSource src : sources) {
            tracks.add(analyse(src, budget));
        }
        Program album = Program.of(tracks);
        Output whole = new Output("album", target, null);
        Plan plan = plan(album, whole);
        if (strict && !plan.reachable) {
            throw new MasterException(MasterException.Reason.TARGET_NOT_REACHED, "album: "
                    + notReached(plan.predictedLufs, plan));
        }
        int passes = 2;
        List<Branch> written = albumPass(tracks, outputs, plan, 2);
        Plan corrected = correct(album, plan, albumLufs(written), albumTruePeakOver(written));
        if (corrected != null) {
            discardAll(written);
            if (strict && !corrected.reachable) {
                throw new MasterException(MasterException.Reason.TARGET_NOT_REACHED, "album: "
                        + notReached(corrected.predictedLufs, corrected));
            }
            plan = corrected;
            passes = 3;
            written = albumPass(tracks, outputs, plan, 3);
        }
        try {
            for (Branch b : written) {
                b.commit();
            }
        } catch (IOException | RuntimeException e) {
            discardAll(written);
            throw e;
        }
        double lufs = albumLufs(written);
        List<MasterResult> results = new ArrayList<>();
        for (Branch b : written) {
            results.add(b.result(passes, lufs));
        }
        List<LoudnessMeter> in = new ArrayList<>();
        List<LoudnessMeter> out = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            in.add(tracks.get(i).input);
            out.add(written.get(i).meter);
        }
        boolean reached = plan.reachable && Math.abs(lufs - target.integratedLufs()) <= TOLERANCE_LU;
        List<String> warnings = new ArrayList<>();
        if (!plan.reachable) {
            warnings.add(notReached(lufs, plan));
        } else if (!reached) {
            warnings.add(String.format(Locale.ROOT, "target missed by %.2f LU after %d passes",
                    lufs - target.integratedLufs(), passes));
        }
        return new AlbumResult(results, LoudnessMeter.album(in), LoudnessMeter.album(out), plan.gainDb, passes,
                reached, warnings);
    }

    private List<Branch> albumPass(List<Analysis> tracks, List<Output> outputs, Plan plan, int number)
            throws IOException {
        List<Branch> all = new ArrayList<>();
        try {
            for (int i = 0; i < tracks.size(); i++) {
                all.addAll(pass(sources.get(i), tracks.get(i), List.of(plan), outputs.get(i), number));
            }
        } catch (IOException | RuntimeException | Error e) {
            discardAll(all);
            throw e;
        }
        return all;
    }

    private static double albumLufs(List<Branch> branches) {
        List<LoudnessMeter> meters = new ArrayList<>();
        for (Branch b : branches) {
            meters.add(b.meter);
        }
        return LoudnessMeter.album(meters).integratedLufs();
    }

    /** The highest true peak of the tracks if above the ceiling, else null. */
    private static Double albumTruePeakOver(List<Branch> branches) {
        double tp = Double.NEGATIVE_INFINITY;
        boolean over = false;
        for (Branch b : branches) {
            tp = Math.max(tp, b.meter.truePeakDbtp());
            over |= b.truePeakOver();
        }
        return over ? tp : null;
    }

    /** The first slot of {@code o} (the same object) still empty. */
    private static int indexOf(List<Output> outputs, Output o, MasterResult[] results) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) == o && results[i] == null) {
                return i;
            }
        }
        throw new IllegalStateException("not an output: " + o);
    }

    private static void discardAll(List<Branch> branches) {
        for (Branch b : branches) {
            b.discard();
        }
    }

    // ---- analysis

    /** What the analysis pass found. */
    private record Analysis(LoudnessMeter input, LoudnessMeter chainOutput, LoudnessModel model, double rate,
            int channels, double modelOffset, ChainCache cache, SpectrumMeter spectrum, StereoMeter stereo) {
        double truePeakDbtp() {
            return chainOutput.truePeakDbtp();
        }
    }

    /**
     * What a master is made of: one track, or an album's, with the chain's output loudness (pooled) and
     * its highest true peak.
     */
    private record Program(List<Analysis> tracks, double chainLufs, double chainTruePeakDbtp) {
        static Program of(List<Analysis> tracks) {
            List<LoudnessMeter> meters = new ArrayList<>();
            double tp = Double.NEGATIVE_INFINITY;
            for (Analysis a : tracks) {
                meters.add(a.chainOutput);
                tp = Math.max(tp, a.truePeakDbtp());
            }
            double lufs = tracks.size() == 1 ? tracks.get(0).chainOutput.integratedLufs()
                    : LoudnessMeter.album(meters).integratedLufs();
            return new Program(tracks, lufs, tp);
        }
    }

    /**
     * Bytes the analysis passes of one call may keep in memory, so that later passes need not run the chain
     * again: a quarter of the heap's limit. A longer input streams every pass (a 2-hour 96 kHz master renders
     * in 256 MB).
     */
    private static long[] cacheBudget() {
        return new long[] {Runtime.getRuntime().maxMemory() / 4};
    }

    /** The analysis pass of {@code source}, keeping the chain's output if it fits what is left of {@code budget}. */
    private Analysis analyse(MasterSource source, long[] budget) throws IOException {
        try (AudioSource src = source.open()) {
            double rate = src.sampleRate();
            LoudnessMeter in = LoudnessMeter.builder(rate, src.channels()).executor(workers).build();
            SpectrumMeter spectrum = new SpectrumMeter(rate);
            StereoMeter stereo = new StereoMeter(rate);
            Render r = render(new MeteredSource(src, in, spectrum, stereo), 1);
            int channels = r.outputChannels();
            LoudnessMeter out = LoudnessMeter.builder(rate, channels).executor(workers).build();
            LoudnessModel model = new LoudnessModel(rate, out.weights());
            ChainCache cache = null;
            long frames = src.frames();
            if (frames >= 0) {
                long bytes = ChainCache.bytesFor(frames + (long) (rate * 60), channels);
                if (bytes <= budget[0]) {
                    budget[0] -= bytes;
                    cache = new ChainCache();
                }
            }
            if (cache != null) {
                r.run(RenderSink.meter(out), model, cache);
            } else {
                r.run(RenderSink.meter(out), model);
            }
            if (!Double.isFinite(out.integratedLufs())) {
                throw new MasterException(MasterException.Reason.SILENT_INPUT, "the input is silent (no 400 ms "
                        + "block above -70 LUFS" + (out.frames() < rate * 0.4 ? ", and it is shorter than 400 ms" : "")
                        + "): there is no loudness to bring to a target");
            }
            // the model without limiting, against the meter: the same filter, summed in other orders
            double offset = out.integratedLufs() - model.integratedLufs(0, 1e9, 100, 5);
            return new Analysis(in, out, model, rate, channels, offset, cache, spectrum, stereo);
        }
    }

    private Render render(AudioSource src, int pass) {
        return Render.of(src).through(chain.buildBeforeLimiter()).withThreads(threads)
                .onProgress(p -> listener.progress(pass, p)).cancelledWhen(cancelled);
    }

    // ---- plans

    /**
     * How to make one output.
     *
     * @param gainDb before the limiter
     * @param limiterCeilingDbtp the limiter's ceiling (the target's, lowered if a pass overshot)
     * @param reachable whether the target is met within the limiting cap
     * @param neededDb the peak reduction the target needs
     * @param predictedLufs what the model predicts at {@code gainDb}
     */
    private record Plan(Output output, double gainDb, double limiterCeilingDbtp, boolean reachable, double neededDb,
            double predictedLufs, double capDb) {
    }

    /** Headroom under the ceiling below which a pass leaves the limiter out, dB (see {@code Branch.bypass}). */
    static final double BYPASS_HEADROOM_DB = 1;

    /** How far above the linear gain the search for the needed gain goes, dB. */
    private static final double SEARCH_DB = 60;

    /** The model's loudness of the program's limited output at {@code gainDb}: the tracks' blocks pooled. */
    private double predict(Program p, double gainDb, double ceilingDbtp) {
        List<double[]> blocks = new ArrayList<>();
        for (Analysis a : p.tracks) {
            double[] z = a.model.blockPowers(gainDb, ceilingDbtp, chain.limiterReleaseMs(), chain.limiterLookaheadMs());
            double scale = Math.pow(10, a.modelOffset / 10);
            for (int i = 0; i < z.length; i++) {
                z[i] *= scale;
            }
            blocks.add(z);
        }
        return LoudnessModel.gate(blocks);
    }

    /**
     * The gain at which {@link #predict} reaches {@code lufs}, in [{@code lowDb}, {@code highDb}]; {@code highDb}
     * if it falls short. Where the linear gain leaves the peaks under the limiter's threshold, that is the
     * answer (no limiting: loudness is linear in the gain); otherwise regula falsi (the Illinois variant)
     * on the model, to 1e-4 dB.
     */
    private double solve(Program p, double lufs, double lowDb, double highDb, double ceilingDbtp) {
        double linear = lufs - p.chainLufs;
        if (p.chainTruePeakDbtp + linear <= ceilingDbtp - TruePeakLimiter.MARGIN_DB - 0.1) {
            return linear;
        }
        double fHigh = predict(p, highDb, ceilingDbtp) - lufs;
        if (fHigh <= 0) {
            return highDb;
        }
        double lo = lowDb;
        double hi = highDb;
        double fLo = predict(p, lo, ceilingDbtp) - lufs;
        if (fLo >= 0) {
            return lo;
        }
        int side = 0;
        for (int i = 0; i < 60 && hi - lo > 1e-4; i++) {
            double g = hi - fHigh * (hi - lo) / (fHigh - fLo);
            if (!(g > lo && g < hi)) {
                g = 0.5 * (lo + hi);
            }
            double f = predict(p, g, ceilingDbtp) - lufs;
            if (f == 0) {
                return g;
            }
            if (f < 0) {
                lo = g;
                fLo = f;
                if (side == -1) {
                    fHigh *= 0.5;
                }
                side = -1;
            } else {
                hi = g;
                fHigh = f;
                if (side == 1) {
                    fLo *= 0.5;
                }
                side = 1;
            }
        }
        return 0.5 * (lo + hi);
    }

    private Plan plan(Program a, Output o) {
        MasterTarget t = o.target();
        double linear = t.integratedLufs() - a.chainLufs;
        // the limiter keeps its own margin under the ceiling: within the cap, that is part of the reduction
        double cap = t.ceilingDbtp() + maxLimitingDb - TruePeakLimiter.MARGIN_DB - a.chainTruePeakDbtp;
        double ceiling = t.ceilingDbtp();
        // loudness only ever falls short of the linear gain's under limiting: the gain needed is at least that
        double need = solve(a, t.integratedLufs(), linear - 1, linear + SEARCH_DB, ceiling);
        double neededDb = a.chainTruePeakDbtp + need - ceiling;
        boolean reachable = need <= cap;
        double gain = reachable ? need : cap;
        return new Plan(o, gain, ceiling, reachable, neededDb, predict(a, gain, ceiling), cap);
    }

    /**
     * The plan of a correction pass after a pass that measured {@code measured} LUFS (and a true peak of
     * {@code truePeakOver} dBTP, if above the ceiling), or null when its files are kept.
     */
    private Plan correct(Program a, Plan p, double measured, Double truePeakOver) {
        MasterTarget t = p.output.target();
        double ceiling = p.limiterCeilingDbtp;
        if (truePeakOver != null) {
            ceiling -= truePeakOver - t.ceilingDbtp() + 0.01;
        }
        if (!p.reachable) {
            return new Plan(p.output, p.gainDb, ceiling, false, p.neededDb, p.predictedLufs, p.capDb);
        }
        if (Math.abs(measured - t.integratedLufs()) <= ACCEPT_LU && ceiling == p.limiterCeilingDbtp) {
            return null;
        }
        double error = measured - predict(a, p.gainDb, p.limiterCeilingDbtp);
        double linear = t.integratedLufs() - a.chainLufs;
        double need = solve(a, t.integratedLufs() - error, linear - 1, linear + SEARCH_DB, ceiling);
        boolean reachable = need <= p.capDb;
        double gain = reachable ? need : p.capDb;
        return new Plan(p.output, gain, ceiling, reachable, a.chainTruePeakDbtp + need - t.ceilingDbtp(),
                predict(a, gain, ceiling) + error, p.capDb);
    }

    private String notReached(double lufs, Plan p) {
        String target = Checks.format(p.output.target().integratedLufs());
        if (p.neededDb >= SEARCH_DB - 1) {
            // at the end of the search more gain no longer adds loudness: no amount of limiting reaches it
            return String.format(Locale.ROOT, "target not reached: %.1f LUFS; %s LUFS is beyond any amount of "
                    + "limiting at a %s dBTP ceiling (allowed: %s dB)", lufs, target,
                    Checks.format(p.output.target().ceilingDbtp()), Checks.format(maxLimitingDb));
        }
        return String.format(Locale.ROOT, "target not reached: %.1f LUFS; reaching %s would need %.1f dB of limiting "
                + "(allowed: %s dB)", lufs, target, p.neededDb, Checks.format(maxLimitingDb));
    }

    // ---- passes

    /**
     * One pass over {@code source}: a branch per plan, written to the plan's output or to {@code file}. With one
     * plan, the gain and the limiter join the render's chain, so that limiting (on the rendering thread)
     * overlaps quantising, metering and writing (on a lent one); with several, each branch limits in turn.
     * The samples are the same either way: the limiter's output does not depend on how blocks are cut.
     */
    private List<Branch> pass(MasterSource source, Analysis a, List<Plan> plans, Output file, int number)
            throws IOException {
        boolean single = plans.size() == 1;
        List<Branch> branches = new ArrayList<>();
        for (Plan p : plans) {
            branches.add(new Branch(p, a, file != null ? file : p.output, !single));
        }
        RenderSink[] sinks = branches.toArray(new RenderSink[0]);
        Branch only = branches.get(0);
        Processor[] limiting = only.bypass ? new Processor[] {only.gainStage()}
                : new Processor[] {only.gainStage(), only.limiter};
        if (a.cache != null) {
            // the chain's output, kept from the analysis: no decoding, no chain
            Render r = Render.of(a.cache.source());
            if (single) {
                r = r.through(Chain.of(limiting));
            }
            r.withThreads(threads).onProgress(p -> listener.progress(number, p)).cancelledWhen(cancelled).run(sinks);
            return branches;
        }
        try (AudioSource src = source.open()) {
            Render r = single ? Render.of(src).through(Chain.of(chain.buildBeforeLimiter(), Chain.of(limiting)))
                    : Render.of(src).through(chain.buildBeforeLimiter());
            r.withThreads(threads).onProgress(p -> listener.progress(number, p)).cancelledWhen(cancelled).run(sinks);
        }
        return branches;
    }

    /**
     * One output of a pass: the gain, the limiter, quantisation and dither, the meter of what is written, and
     * the file or buffer it goes to. Its file is kept ({@link #commit}) or dropped ({@link #discard}) once the
     * pass is judged.
     */
    private final class Branch implements RenderSink {
        final Plan plan;
        final Output output;
        final Analysis analysis;
        final LoudnessMeter meter;
        private final SpectrumMeter spectrum;
        private final StereoMeter stereo;
        final TruePeakLimiter limiter;
        /** Whether this sink applies the gain and the limiter itself (else the render's chain does). */
        private final boolean limits;
        /**
         * Whether the limiter is left out: when the chain's true peak plus the gain stays
         * {@value #BYPASS_HEADROOM_DB} dB under the ceiling, no reconstruction comes near it, the limiter would
         * pass the audio through bit for bit (its identity, see its documentation), and the written pass skips
         * its cost. The pass still measures its true peak; an over would bring a correction with the limiter.
         */
        final boolean bypass;
        private final ReductionMeter reduction;
        private final Quantizer quantizer;
        private final RenderSink target;
        private final BufferSink memory;
        private final float gain;
        private LatencyCompensator aligner;
        private AudioBuffer work;
        private long framesIn;
        private boolean open;

        Branch(Plan plan, Analysis a, Output output, boolean limits) {
            this.plan = plan;
            this.limits = limits;
            MasterTarget t = output.target();
            this.bypass = plan.limiterCeilingDbtp == t.ceilingDbtp()
                    && a.truePeakDbtp() + plan.gainDb <= t.ceilingDbtp() - BYPASS_HEADROOM_DB;
            this.output = output;
            this.analysis = a;
            this.gain = (float) Math.pow(10, plan.gainDb / 20);
            this.meter = LoudnessMeter.builder(a.rate, a.channels).executor(workers).build();
            this.spectrum = new SpectrumMeter(a.rate);
            this.stereo = new StereoMeter(a.rate);
            this.limiter = chain.buildLimiter(plan.limiterCeilingDbtp);
            this.reduction = new ReductionMeter((int) Math.round(a.rate / 10));
            limiter.setReductionMeter(reduction);
            Dither d = dither != null ? dither : WriteOptions.defaultDither(SampleEncoding.FLOAT32, encoding);
            this.quantizer = new Quantizer(encoding, a.channels, d, seed);
            Path file = output.file();
            if (file == null) {
                memory = RenderSink.buffer();
                target = memory;
            } else {
                memory = null;
                // the samples are on the encoding's grid already: written as they are
                target = RenderSink.wav(file, encoding, WriteOptions.defaults().withDither(Dither.NONE)
                        .withWriteBehind(false));
            }
        }

        /** The gain before the limiter, as a stage of a render's chain. */
        Processor gainStage() {
            limiter.setExecutor(workers);
            return new Processor() {
                @Override
                public void prepare(ProcessSpec spec) {
                }

                @Override
                public void process(AudioBuffer block) {
                    scale(block, block);
                }

                @Override
                public void reset() {
                }
            };
        }

        /** {@code to = from * gain}, the same float product whichever way the branch runs. */
        private void scale(AudioBuffer from, AudioBuffer to) {
            int n = from.frames();
            for (int c = 0; c < from.channels(); c++) {
                float[] x = from.channel(c);
                float[] y = to.channel(c);
                int f = from.offset();
                int o = to.offset();
                for (int i = 0; i < n; i++) {
                    y[o + i] = x[f + i] * gain;
                }
            }
        }

        @Override
        public void open(int channels, double sampleRate) throws IOException {
            if (limits && bypass) {
                work = AudioBuffer.allocate(channels, Render.MAX_BLOCK_FRAMES);
            } else if (limits) {
                limiter.prepare(new ProcessSpec(sampleRate, Render.MAX_BLOCK_FRAMES, channels));
                limiter.setExecutor(workers);
                aligner = new LatencyCompensator(limiter.latencyFrames());
                work = AudioBuffer.allocate(channels, Render.MAX_BLOCK_FRAMES);
            }
            target.open(channels, sampleRate);
            open = true;
        }

        @Override
        public void write(AudioBuffer block) throws IOException {
            if (!limits) {
                post(block);
                return;
            }
            int n = block.frames();
            AudioBuffer w = work.view(0, n);
            scale(block, w);
            framesIn += n;
            if (bypass) {
                post(w);
            } else {
                limit(w);
            }
        }

        private void limit(AudioBuffer w) throws IOException {
            limiter.process(w);
            AudioBuffer keep = aligner.keep(w);
            if (keep != null) {
                post(keep);
            }
        }

        /**
         * Quantises and dithers the limited block in place (it is this sink's alone: its own buffer, or the
         * render's block when this is the render's only sink), meters it and writes it.
         */
        private void post(AudioBuffer keep) throws IOException {
            quantizer.quantize(keep);
            meter.accept(keep);
            spectrum.accept(keep);
            stereo.accept(keep);
            target.write(keep);
        }

        /** Flushes the limiter's delay: the file ends with the input. */
        @Override
        public void finish() throws IOException {
            if (!limits || bypass) {
                return;
            }
            for (int n; (n = aligner.silenceToFeed(framesIn, work.frames())) > 0; ) {
                AudioBuffer w = work.view(0, n);
                w.clear();
                limit(w);
            }
        }

        @Override
        public void abort(Throwable cause) {
            if (open) {
                open = false;
                target.abort(cause);
            }
        }

        boolean truePeakOver() {
            return meter.truePeakDbtp() > output.target().ceilingDbtp();
        }

        void commit() throws IOException {
            if (open) {
                open = false;
                target.finish();
            }
        }

        void discard() {
            abort(new CancellationException("pass rejected"));
        }

        /**
         * @param albumLufs for an album's track, the album's loudness, which the target is about; null for a
         *     single master
         */
        MasterResult result(int passes, Double albumLufs) {
            Analysis a = analysis;
            LoudnessResult out = meter.result();
            MasterTarget t = output.target();
            double judged = albumLufs != null ? albumLufs : out.integratedLufs();
            boolean reached = plan.reachable && Math.abs(judged - t.integratedLufs()) <= TOLERANCE_LU;
            List<String> warnings = new ArrayList<>();
            if (!plan.reachable) {
                warnings.add(notReached(judged, plan));
            } else if (!reached) {
                warnings.add(String.format(Locale.ROOT, "target missed by %.2f LU after %d passes",
                        judged - t.integratedLufs(), passes));
            }
            double secondsPerFrame = 1 / a.rate;
            MasterResult.Limiting l = new MasterResult.Limiting(reduction.maxReductionDb(),
                    reduction.meanReductionDb(), reduction.framesAbove(1) * secondsPerFrame,
                    reduction.framesAbove(3) * secondsPerFrame, reduction.framesAbove(6) * secondsPerFrame);
            if (l.maxReductionDb() > 3) {
                warnings.add(String.format(Locale.ROOT, "the limiter took up to %.1f dB off the peaks (%.1f s above 3 dB)",
                        l.maxReductionDb(), l.secondsAbove3Db()));
            }
            double inputLufs = a.input.integratedLufs();
            if (plan.gainDb < 0 && inputLufs > t.integratedLufs()) {
                warnings.add(String.format(Locale.ROOT, "the mix is louder than the target: turned down %.1f dB",
                        -plan.gainDb));
            }
            MasterResult.Curves curves = new MasterResult.Curves(a.input.series(), meter.series(), 0.1,
                    reduction.series(), SpectrumMeter.CENTRES.clone(), a.spectrum.bandsDb(), spectrum.bandsDb(),
                    a.stereo.correlation(), a.stereo.sideToMidDb(), stereo.correlation(), stereo.sideToMidDb());
            return new MasterResult(output.name(), t, output.file(), memory == null ? null : memory.audio(),
                    a.input.result(), out, plan.gainDb, l, passes, reached, warnings, PlatformCheck.all(out),
                    chain.describe(), curves);
        }
    }

    /** Feeds what it reads to a meter: the input's figures, from the analysis pass's reading. */
    private static final class MeteredSource implements AudioSource {
        private final AudioSource source;
        private final LoudnessMeter meter;
        private final SpectrumMeter spectrum;
        private final StereoMeter stereo;

        MeteredSource(AudioSource source, LoudnessMeter meter, SpectrumMeter spectrum, StereoMeter stereo) {
            this.source = source;
            this.meter = meter;
            this.spectrum = spectrum;
            this.stereo = stereo;
        }

        @Override
        public double sampleRate() {
            return source.sampleRate();
        }

        @Override
        public int channels() {
            return source.channels();
        }

        @Override
        public long frames() {
            return source.frames();
        }

        @Override
        public int read(AudioBuffer destination) throws IOException {
            int n = source.read(destination);
            if (n > 0) {
                AudioBuffer b = destination.view(0, n);
                meter.accept(b);
                spectrum.accept(b);
                stereo.accept(b);
            }
            return n;
        }
    }
}
