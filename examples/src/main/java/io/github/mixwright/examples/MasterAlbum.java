package io.github.mixwright.examples;

import io.github.mixwright.mix.AlbumResult;
import io.github.mixwright.mix.Master;
import io.github.mixwright.mix.MasterResult;
import io.github.mixwright.mix.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Masters a directory of tracks as one album: every track gets the same gain, so the quiet ballad stays
 * quieter than the single, while the album as a whole meets Spotify's -14 LUFS and every track stays under
 * -1 dBTP. This is how platforms play an album from start to end.
 *
 * <p>Run it on the demo's stems, as if they were the tracks of an album:
 * <pre>
 * java -cp cli/target/mixwright-cli-0.1.0-SNAPSHOT-all.jar:examples/target/classes \
 *     io.github.mixwright.examples.MasterAlbum demo-output album
 * </pre>
 */
public final class MasterAlbum {
    private MasterAlbum() {
    }

    /**
     * @param args the directory of the tracks (every .wav, by name), and the directory for the masters
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: MasterAlbum TRACKS_DIR OUT_DIR");
            System.exit(2);
        }
        List<Path> tracks;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            tracks = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".wav")).sorted()
                    .collect(Collectors.toList());
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        List<Path> files = new ArrayList<>();
        for (Path t : tracks) {
            files.add(out.resolve(t.getFileName()));
        }

        AlbumResult album = Master.albumOf(tracks).withPreset(Preset.SPOTIFY).renderAlbum(files);

        System.out.printf(Locale.ROOT, "album: %.2f LUFS (was %.2f), one gain of %+.1f dB, %d passes%n",
                album.output().integratedLufs(), album.input().integratedLufs(), album.gainDb(), album.passes());
        for (MasterResult t : album.tracks()) {
            System.out.printf(Locale.ROOT, "  %-12s %6.1f LUFS -> %6.1f LUFS, true peak %5.1f dBTP%n", t.name(),
                    t.input().integratedLufs(), t.output().integratedLufs(), t.output().truePeakDbtp());
        }
        album.warnings().forEach(w -> System.out.println("warning: " + w));
    }
}
