package io.github.mixwright.dynamics;

import io.github.mixwright.core.AudioBuffer;
import io.github.mixwright.core.KeyedProcessor;
import io.github.mixwright.core.Parameter;
import io.github.mixwright.core.ParameterizedProcessor;
import io.github.mixwright.core.ProcessSpec;
import io.github.mixwright.core.ProcessorDescriptor;

/**
 * The control loop shared by the compressor, the gate and the de-esser, and their side-chain key.
 *
 * <p>The parameters a subclass lists are read at control points every {@value #CONTROL_FRAMES} frames
 * counted from the stream start (0.7 ms at 48 kHz, inside the 20 ms glides): {@link #control} gets
 * their values, then {@link #run} processes the frames up to the next control point on constants.
 * Output is the same for any block size. While no parameter glides or is automated, every control
 * point reads the same values, so they are read once per block and {@link #run} gets chunks of up to
 * {@value #CHUNK_FRAMES} frames; the output is bit for bit the same.
 *
 * <p>The key is the block itself, or the one given to {@link #process(AudioBuffer, AudioBuffer)}: one
 * channel keys every channel, otherwise channel {@code c} keys channel {@code c}. Not thread-safe.
 *
 * @param <P> the concrete processor
 */
abstract class DynamicsProcessor<P extends DynamicsProcessor<P>> extends ParameterizedProcessor<P>
        implements KeyedProcessor {
    /** Frames between control points, counted from the stream start. */
    static final int CONTROL_FRAMES = KeyFilter.REDESIGN_FRAMES;
    /** Most frames given to {@link #run} at once: its scratch arrays stay in the first-level cache. */
    static final int CHUNK_FRAMES = 512;

    private Parameter[] controlled = new Parameter[0];
    private double[] at = new double[0];
    private double[][] rendered = new double[0][];
    private long position;
    private AudioBuffer key;
    /** The block's channel arrays and the key's, valid during {@link #run}; key frame {@code i + keyShift} goes with frame {@code i}. */
    float[][] io = new float[0][];
    float[][] keys = new float[0][];
    int keyShift;
    int channels;
    /** The prepared sample rate. */
    double rate;

    DynamicsProcessor(ProcessorDescriptor descriptor) {
        super(descriptor);
    }

    /** Names the parameters read at control points, in the order {@link #control} gets them. */
    final void readAtControlPoints(Parameter... parameters) {
        controlled = parameters;
        at = new double[parameters.length];
        rendered = new double[parameters.length][];
    }

    @Override
    public final void process(AudioBuffer block, AudioBuffer keySignal) {
        KeyedProcessor.checkKey(block, keySignal);
        key = keySignal;
        try {
            process(block);
        } finally {
            key = null;
        }
    }

    @Override
    protected final void prepareSignal(ProcessSpec spec) {
        rate = spec.sampleRate();
        io = new float[spec.channels()][];
        keys = new float[spec.channels()][];
        prepareDynamics(spec);
        resetSignal();
    }

    @Override
    protected final void resetSignal() {
        position = 0;
        resetDynamics();
    }

    /** Allocates the subclass's state; {@link #resetDynamics} follows. */
    abstract void prepareDynamics(ProcessSpec spec);

    /** Clears the subclass's signal state and forgets the settings of the last control point. */
    abstract void resetDynamics();

    /** Applies the values of a control point, in the order given to {@link #readAtControlPoints}. */
    abstract void control(double[] values);

    /** Processes frames {@code [from, from + len)} of {@link #io} with the last control point's values. */
    abstract void run(int from, int len);

    /** Advances the parameters not read at control points. Does nothing by default. */
    void advanceOthers(int frames) {
    }

    @Override
    protected final void processSignal(AudioBuffer block) {
        int n = block.frames();
        int off = block.offset();
        AudioBuffer k = key;
        channels = block.channels();
        for (int c = 0; c < channels; c++) {
            io[c] = block.channel(c);
            keys[c] = k == null ? io[c] : k.channel(k.channels() == 1 ? 0 : c);
        }
        keyShift = (k == null ? off : k.offset()) - off;
        advanceOthers(n);
        boolean steady = true;
        for (Parameter p : controlled) {
            steady &= p.isSteady();
        }
        // Frames before the block's first control point keep the previous control point's values.
        int first = Math.min(n, (int) Math.floorMod(-position, (long) CONTROL_FRAMES));
        if (steady) {
            for (int j = 0; j < controlled.length; j++) {
                at[j] = controlled[j].current();
                controlled[j].advance(n);
            }
            if (first > 0) {
                run(off, first);
            }
            if (first < n) {
                control(at);
            }
            for (int done = first; done < n; done += CHUNK_FRAMES) {
                run(off + done, Math.min(CHUNK_FRAMES, n - done));
            }
        } else {
            for (int j = 0; j < controlled.length; j++) {
                rendered[j] = controlled[j].render(n);
            }
            int done = 0;
            while (done < n) {
                int len = done == 0 && first > 0 ? first : Math.min(n - done, CONTROL_FRAMES);
                if (done > 0 || first == 0) {
                    for (int j = 0; j < controlled.length; j++) {
                        at[j] = rendered[j][done];
                    }
                    control(at);
                }
                run(off + done, len);
                done += len;
            }
        }
        position += n;
    }
}
