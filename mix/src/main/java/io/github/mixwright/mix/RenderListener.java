package io.github.mixwright.mix;

/** Hears how far a {@link Render} has come; called on the rendering thread after every block. */
@FunctionalInterface
public interface RenderListener {
    void progress(RenderProgress progress);
}
