package dev.grove.store;

import dev.grove.GroveException;

/** A {@code get} found nothing where a value (or branch) was required. */
public final class NotFoundException extends GroveException {
  public NotFoundException(String message) {
    super("not_found", message);
  }
}
