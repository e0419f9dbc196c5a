package io.github.mixwright.cli;

import io.github.mixwright.mix.plot.ResponseCurve;
import io.github.mixwright.mix.plot.ResponsePlot;
import io.github.mixwright.core.Chain;
import io.github.mixwright.core.ChainSpec;
import io.github.mixwright.core.Checks;
import io.github.mixwright.core.FrequencyResponse;
import io.github.mixwright.filters.LinearChains;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mixwright response --chain CHAIN}: the frequency response of a chain of linear processors,
 * as a table, a CSV file and a plot. The response is computed analytically from the processors'
 * settings ({@link LinearProcessor#frequencyResponse}), not measured.
 */
@Command(name = "response",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Shows the frequency response of a chain of filters.",
                "Magnitude, phase and group delay, computed from the filters' settings (not measured). "
                        + "Prints a table at the third-octave frequencies; --csv writes a dense table, --png a plot "
                        + "of magnitude and phase on a logarithmic frequency axis. Every stage must be a "
                        + "linear filter or gain (not pan, width or dynamics)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  mixwright response --chain \"highpass freq=80 | peak freq=3000 gain=2 q=1.2\"",
                "  mixwright response --chain \"lowshelf freq=100 gain=3\" --rate 44100 \\",
                "      --png lowshelf.png --csv lowshelf.csv",
                "",
                "CSV columns: hz, magnitude_db, phase_degrees (-180 to 180), group_delay_ms."})
final class ResponseCommand implements Callable<Integer> {
    static final int MIN_RATE = 8_000;
    static final int MAX_RATE = 768_000;
    static final int MAX_POINTS = 1_000_000;
    /** Points of the plotted curve: about two per horizontal pixel, so no corner shows. */
    static final int PLOT_POINTS = 2 * ResponsePlot.WIDTH;

    @ParentCommand
    MixwrightCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--chain", required = true, paramLabel = "CHAIN",
            description = "The filters, stages separated by '|', as for 'mixwright process'.")
    String chainText;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "48000",
            description = "Sample rate in Hz, " + MIN_RATE + " to " + MAX_RATE + ". Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--png", paramLabel = "FILE",
            description = "Write a plot (1200 x 800 PNG) of magnitude and phase.")
    Path png;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Write the response at --points log-spaced frequencies as CSV.")
    Path csv;

    @Option(names = "--points", paramLabel = "N", defaultValue = "512",
            description = "Frequencies in the CSV, 2 to " + MAX_POINTS + ". Default: ${DEFAULT-VALUE}.")
    int points;

    @Option(names = "--min-hz", paramLabel = "HZ", defaultValue = "10",
            description = "Lowest frequency shown, in Hz. Default: ${DEFAULT-VALUE}.")
    double minHz;

    @Option(names = "--max-hz", paramLabel = "HZ",
            description = "Highest frequency shown, in Hz, at most half the rate. Default: half the rate.")
    Double maxHz;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        double top = maxHz != null ? maxHz : rate / 2.0;
        if (png != null) {
            AudioFiles.checkOutput(spec.commandLine(), "--png", png, null);
        }
        if (csv != null) {
            AudioFiles.checkOutput(spec.commandLine(), "--csv", csv, null);
            if (png != null && png.toAbsolutePath().normalize().equals(csv.toAbsolutePath().normalize())) {
                throw new ParameterException(spec.commandLine(), "--png and --csv name the same file '" + png + "'");
            }
        }
        FrequencyResponse response = response(ChainSpec.parse(chainText, parent.registry()).build());
        String title = chainText.trim().replaceAll("\\s+", " ");

        PrintWriter out = spec.commandLine().getOut();
        printTable(out, title, ResponseCurve.of(response, ResponseCurve.tableGrid(minHz, top)));
        out.flush();
        if (csv != null) {
            String text = ResponseCurve.of(response, ResponseCurve.logGrid(minHz, top, points)).csv();
            AtomicOutput.write(csv, s -> s.write(text.getBytes(StandardCharsets.UTF_8)));
        }
        if (png != null) {
            ResponseCurve curve = ResponseCurve.of(response, ResponseCurve.logGrid(minHz, top, PLOT_POINTS));
            BufferedImage image = ResponsePlot.render(curve, title, "Frequency response at " + rateText(rate)
                    + ", " + hzText(minHz) + " to " + hzText(top));
            // In memory: by default ImageIO buffers a stream through a cache file in java.io.tmpdir.
            ImageIO.setUseCache(false);
            AtomicOutput.write(png, s -> {
                if (!ImageIO.write(image, "png", s)) {
                    throw new IOException("no PNG writer in this Java runtime");
                }
            });
        }
        return ExitCodes.OK;
    }

    private void checkOptions() {
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw usage("--rate " + rate + " is out of range [" + MIN_RATE + ", " + MAX_RATE + "] (Hz)");
        }
        if (points < 2 || points > MAX_POINTS) {
            throw usage("--points " + points + " is out of range [2, " + MAX_POINTS + "]");
        }
        double nyquist = rate / 2.0;
        if (!(minHz > 0 && minHz < nyquist)) {
            throw usage("--min-hz " + Checks.format(minHz) + " is out of range (0, " + Checks.format(nyquist)
                    + ") (Hz; below half the rate)");
        }
        if (maxHz != null && !(maxHz > minHz && maxHz <= nyquist)) {
            throw usage("--max-hz " + Checks.format(maxHz) + " is out of range (" + Checks.format(minHz) + ", "
                    + Checks.format(nyquist) + "] (Hz; above --min-hz, at most half the rate)");
        }
        if (chainText.isBlank()) {
            throw usage("--chain is empty: give at least one filter, e.g. \"peak freq=1000 gain=3 q=1\"");
        }
    }

    /** The stages' responses multiplied together; a stage that is not linear is a usage error. */
    private FrequencyResponse response(Chain chain) {
        try {
            return LinearChains.response(chain, rate);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void printTable(PrintWriter out, String title, ResponseCurve t) {
        out.println(title + " at " + rateText(rate));
        out.printf(Locale.ROOT, "%10s  %12s  %10s  %14s%n", "Hz", "magnitude dB", "phase deg", "group delay ms");
        for (int i = 0; i < t.size(); i++) {
            out.printf(Locale.ROOT, "%10s  %12s  %10s  %14s%n", hzColumn(t.hz()[i]),
                    fixed(t.magnitudeDb()[i], 2), fixed(t.phaseDegrees()[i], 1), fixed(t.groupDelayMs()[i], 3));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** 31.5, 1000, 12500: a frequency with no more decimals than it has. */
    private static String hzColumn(double hz) {
        return hz >= 100 ? String.format(Locale.ROOT, "%.0f", hz) : Checks.format(Math.round(hz * 100) / 100.0);
    }

    private static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return ResponseCurve.number(v);
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        // -0.00 reads as a sign error
        return s.matches("-0\\.0*") ? s.substring(1) : s;
    }

    /** 48 kHz, 44.1 kHz, 8 kHz. */
    static String rateText(double hz) {
        return Checks.format(hz / 1000) + " kHz";
    }

    private static String hzText(double hz) {
        return hz >= 1000 ? Checks.format(Math.round(hz / 10) / 100.0) + " kHz" : Checks.format(Math.round(hz * 10) / 10.0) + " Hz";
    }
}
