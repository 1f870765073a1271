package dev.grove.conformance;

/** The body of a conformance case, run against a fresh, empty backend. */
@FunctionalInterface
public interface CaseBody {
  void run(Fixture fixture) throws Exception;
}
