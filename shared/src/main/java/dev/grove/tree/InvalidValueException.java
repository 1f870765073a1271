package dev.grove.tree;

import dev.grove.GroveException;

/** A value given to a write is not acceptable (null). Nothing was changed. */
public final class InvalidValueException extends GroveException {
  public InvalidValueException(String message) {
    super("invalid_value", message);
  }
}
