package dev.grove;

/**
 * The root of Grove's exceptions. Each carries a stable machine-readable {@link #code()}
 * (such as {@code invalid_path}) that crosses into JavaScript and onto the wire unchanged.
 * Exceptions are for faults and bad input; expected outcomes (a lost compare-and-set, a merge
 * conflict) are values, never exceptions.
 */
public class GroveException extends RuntimeException {
  private final String code;

  public GroveException(String code, String message) {
    super(message);
    this.code = code;
  }

  public GroveException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable error code, lower_snake_case. */
  public String code() {
    return code;
  }
}
