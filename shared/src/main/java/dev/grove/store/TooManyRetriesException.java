package dev.grove.store;

import dev.grove.GroveException;

/** A write lost its compare-and-set more times than allowed; nothing was written. */
public final class TooManyRetriesException extends GroveException {
  public TooManyRetriesException(String branch, int attempts) {
    super("too_many_retries", "gave up writing branch '" + branch + "' after " + attempts
        + " attempts: other writers kept moving it");
  }
}
