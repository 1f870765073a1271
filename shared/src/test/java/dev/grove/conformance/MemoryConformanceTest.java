package dev.grove.conformance;

import dev.grove.backend.memory.MemoryBackend;

/** The conformance suite on the memory backend. */
class MemoryConformanceTest extends ConformanceTest {
  @Override
  protected BackendFactory backends() {
    return MemoryBackend::new;
  }
}
