package io.github.mixwright.mix;

/** Told how a {@link Master} is getting on, after every block of every pass, on the rendering thread. */
@FunctionalInterface
public interface MasterListener {
    /**
     * @param pass 1 for the analysis, 2 for the written pass, 3 for a correction
     * @param progress the pass's own progress
     */
    void progress(int pass, RenderProgress progress);
}
