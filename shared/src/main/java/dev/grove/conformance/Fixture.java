package dev.grove.conformance;

import dev.grove.backend.Backend;

/** What a conformance case works with: a fresh, empty backend. */
public final class Fixture {
  private final Backend backend;

  public Fixture(Backend backend) {
    this.backend = backend;
  }

  public Backend backend() {
    return backend;
  }
}
