package dev.grove.merge;

import dev.grove.path.Path;

/**
 * The three versions of a value at {@code path}, each null when absent there, and the commit
 * times (seconds since the epoch) of the two sides' heads, for functions that order writers.
 */
public record MergeInput(Path path, byte[] base, byte[] ours, byte[] theirs, long oursTime,
    long theirsTime) {}
