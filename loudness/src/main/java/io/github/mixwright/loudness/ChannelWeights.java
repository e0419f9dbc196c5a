package io.github.mixwright.loudness;

/**
 * Channel weights {@code G_i} of BS.1770-4 table 3 for {@link LoudnessMeter}: 1.41 for loudspeakers 60
 * to 120 degrees off-centre, 1 for the others, 0 for the LFE; for the known layouts and for WAV
 * channel masks. The meter's public {@link LoudnessMeter#defaultWeights(int)} and
 * {@link LoudnessMeter#weightsForWaveMask(int, int)} document the rules. Stateless.
 */
final class ChannelWeights {
    private static final int FRONT_LEFT = 0x1;
    private static final int FRONT_RIGHT = 0x2;
    private static final int LOW_FREQUENCY = 0x8;
    private static final int BACK_LEFT = 0x10;
    private static final int BACK_RIGHT = 0x20;
    private static final int SIDE_LEFT = 0x200;
    private static final int SIDE_RIGHT = 0x400;

    private ChannelWeights() {
    }

    /** See {@link LoudnessMeter#defaultWeights(int)}. */
    static double[] defaults(int channels) {
        switch (channels) {
            case 1:
                return new double[] {1};
            case 2:
                return new double[] {1, 1};
            case 6:
                return new double[] {1, 1, 1, 0, LoudnessMeter.SURROUND_WEIGHT, LoudnessMeter.SURROUND_WEIGHT};
            case 8:
                return new double[] {1, 1, 1, 0, LoudnessMeter.SURROUND_WEIGHT, LoudnessMeter.SURROUND_WEIGHT, 1, 1};
            default:
                throw new IllegalArgumentException("channels " + channels
                        + " has no default layout (1, 2, 6 or 8): give the channel weights explicitly");
        }
    }

    /** See {@link LoudnessMeter#weightsForWaveMask(int, int)}. */
    static double[] forWaveMask(int channelMask, int channels) {
        if (channelMask == 0 || Integer.bitCount(channelMask) < channels) {
            return defaults(channels);
        }
        boolean sides = (channelMask & (SIDE_LEFT | SIDE_RIGHT)) != 0;
        double[] w = new double[channels];
        int bit = 0;
        for (int c = 0; c < channels; c++) {
            while ((channelMask & (1 << bit)) == 0) {
                bit++;
            }
            int speaker = 1 << bit++;
            if (speaker == LOW_FREQUENCY) {
                w[c] = 0;
            } else if (speaker == SIDE_LEFT || speaker == SIDE_RIGHT) {
                w[c] = LoudnessMeter.SURROUND_WEIGHT;
            } else if (speaker == BACK_LEFT || speaker == BACK_RIGHT) {
                w[c] = sides ? 1 : LoudnessMeter.SURROUND_WEIGHT;
            } else {
                w[c] = 1;
            }
        }
        return w;
    }
}
