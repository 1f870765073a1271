package dev.grove.path;

import dev.grove.GroveException;

/** A path or tree entry name breaks the rules of {@link Path}. Nothing was changed. */
public final class InvalidPathException extends GroveException {
  private final String path;

  public InvalidPathException(String path, String reason) {
    super("invalid_path", "invalid path '" + path + "': " + reason);
    this.path = path;
  }

  /** The rejected text. */
  public String path() {
    return path;
  }
}
