package dev.grove.backend;

import dev.grove.GroveException;

/** A fault in a backend: I/O, corruption, a closed store. Not used for expected outcomes. */
public class BackendException extends GroveException {
  public BackendException(String code, String message) {
    super(code, message);
  }

  public BackendException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
