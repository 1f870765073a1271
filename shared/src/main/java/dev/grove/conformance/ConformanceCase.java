package dev.grove.conformance;

/**
 * One named case of the conformance suite.
 *
 * @param category the group it belongs to, e.g. {@code contents}
 * @param name a stable, descriptive name, unique within its category
 * @param body what it does; it throws {@link CheckFailure} (or anything else) to fail
 */
public record ConformanceCase(String category, String name, CaseBody body) {
  /** {@code category.name}: the case's stable id, the same on every platform. */
  public String id() {
    return category + "." + name;
  }
}
