package dev.grove.conformance;

import dev.grove.backend.Backend;

/**
 * Makes fresh, empty backends for the conformance suite: enlisting a backend is giving one.
 * Each call returns a new store that shares nothing with earlier ones.
 */
@FunctionalInterface
public interface BackendFactory {
  Backend create() throws Exception;
}
