package dev.grove.backend;

/**
 * What a backend can promise beyond the common contract.
 *
 * @param atomicMultiRefBatch whether a batch's several ref updates apply all or nothing
 *     (memory, IndexedDB). Without it they apply one by one, in order of branch name, each on
 *     its own (the fs and git backends); the core never relies on more.
 * @param crossProcess whether several processes or tabs may open the same store at once with
 *     compare-and-set holding between them
 */
public record Capabilities(boolean atomicMultiRefBatch, boolean crossProcess) {}
