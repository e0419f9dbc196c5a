package io.github.mixwright.core;

import java.util.List;

/**
 * Places a source in the stereo field. Works on two channels.
 *
 * <ul>
 *   <li>{@code mode=mono}: channel 0 is a mono source; it is spread over left and right with the
 *       gains of the {@link PanLaw}, replacing both channels (channel 1's input is ignored).</li>
 *   <li>{@code mode=balance} (default): a stereo source keeps both its channels; moving towards one
 *       side turns the other side down. The gains are the law's, divided by its centre gain and
 *       capped at 1, so the centre is the identity and nothing is boosted.</li>
 * </ul>
 * Parameters: {@code position} -1 (hard left) to 1 (hard right), default 0, smoothed over 20 ms;
 * {@code law} {@code 0db}, {@code -3db} (default), {@code -4.5db} or {@code -6db};
 * {@code mode} {@code balance} or {@code mono}.
 *
 * <p>Not thread-safe.
 */
public final class Panner extends ParameterizedProcessor<Panner> {
    private static final PanLaw[] LAWS = PanLaw.values();

    /** The descriptor: {@code pan position=<-1..1> law=<law> mode=<balance|mono>}. */
    public static final ProcessorDescriptor DESCRIPTOR = new ProcessorDescriptor("pan",
            "Places a source between left (-1) and right (+1)",
            List.of(ParameterSpec.number("position", "", -1, 1, 0, "-1 hard left, 0 centre, +1 hard right"),
                    ParameterSpec.choice("law", List.of("0db", "-3db", "-4.5db", "-6db"), 1,
                            "pan law: level of a centred source"),
                    ParameterSpec.choice("mode", List.of("balance", "mono"), 0,
                            "balance a stereo source, or spread channel 0 as a mono source")),
            2, Panner::new);

    private final Parameter position = parameter("position");
    private final Parameter law = parameter("law");
    private final Parameter mode = parameter("mode");

    /** A centred panner, constant-power law, balance mode. */
    public Panner() {
        super(DESCRIPTOR);
    }

    /** Sets the position, -1 (hard left) to 1 (hard right). */
    public Panner setPosition(double value) {
        position.set(value);
        return this;
    }

    /** Sets the pan law. */
    public Panner setLaw(PanLaw value) {
        law.set(value.ordinal());
        return this;
    }

    /** Spreads channel 0 as a mono source ({@code true}) or balances a stereo pair ({@code false}). */
    public Panner setMono(boolean mono) {
        mode.set(mono ? 1 : 0);
        return this;
    }

    /**
     * Left and right gains at {@code position}: {@code {left, right}}.
     *
     * @param mono the mono-source gains of the law, or the balance gains
     */
    public static double[] gains(PanLaw law, double position, boolean mono) {
        return new double[] {leftGain(law, position, mono), rightGain(law, position, mono)};
    }

    private static double leftGain(PanLaw law, double position, boolean mono) {
        double l = law.left(position);
        return mono ? l : Math.min(1, l / law.left(0));
    }

    private static double rightGain(PanLaw law, double position, boolean mono) {
        double r = law.right(position);
        return mono ? r : Math.min(1, r / law.right(0));
    }


    @Override
    protected void processSignal(AudioBuffer block) {
        int n = block.frames();
        int off = block.offset();
        float[] left = block.channel(0);
        float[] right = block.channel(1);
        if (position.isSteady() && law.isSteady() && mode.isSteady()) {
            PanLaw pl = LAWS[(int) law.current()];
            boolean mono = mode.current() == 1;
            double p = position.current();
            position.advance(n);
            law.advance(n);
            mode.advance(n);
            float gl = (float) leftGain(pl, p, mono);
            float gr = (float) rightGain(pl, p, mono);
            for (int i = off; i < off + n; i++) {
                float l = left[i];
                left[i] = l * gl;
                right[i] = (mono ? l : right[i]) * gr;
            }
            return;
        }
        double[] p = position.render(n);
        double[] laws = law.render(n);
        double[] modes = mode.render(n);
        for (int i = 0; i < n; i++) {
            PanLaw pl = LAWS[(int) laws[i]];
            boolean mono = modes[i] == 1;
            float l = left[off + i];
            left[off + i] = l * (float) leftGain(pl, p[i], mono);
            right[off + i] = (mono ? l : right[off + i]) * (float) rightGain(pl, p[i], mono);
        }
    }
}
