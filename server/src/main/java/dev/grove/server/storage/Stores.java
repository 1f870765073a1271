package dev.grove.server.storage;

import dev.grove.backend.Backend;
import dev.grove.backend.BackendException;
import dev.grove.server.fs.FsBackend;
import dev.grove.server.git.GitBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Stores on disk by directory: which kind a directory holds, opening it as that kind, creating
 * one of a given kind. Durability is {@link Durability#FSYNC} unless asked otherwise.
 */
public final class Stores {
  private Stores() {}

  /** The kinds of store a directory can hold. */
  public enum Kind {
    /** A bare Git repository (the {@code git} backend). */
    GIT("git"),
    /** Plain files (the {@code fs} backend). */
    FS("fs");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The name used on the command line and in messages: {@code git}, {@code fs}. */
    public String label() {
      return label;
    }

    /** The kind labelled {@code text} (either case), or empty. */
    public static Optional<Kind> parse(String text) {
      for (Kind kind : values()) {
        if (kind.label.equals(text.toLowerCase(Locale.ROOT))) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  /** The kind of store in {@code dir}, or empty when it holds none (or does not exist). */
  public static Optional<Kind> kindOf(Path dir) {
    if (FsBackend.isStore(dir)) {
      return Optional.of(Kind.FS);
    }
    if (GitBackend.isStore(dir)) {
      return Optional.of(Kind.GIT);
    }
    return Optional.empty();
  }

  /** Opens the store in {@code dir}, of whichever kind it is, with fsync. */
  public static Backend open(Path dir) {
    return open(dir, Durability.FSYNC);
  }

  /**
   * Opens the store in {@code dir}, of whichever kind it is.
   *
   * @throws BackendException {@code not_a_store} when {@code dir} is missing or holds no store
   */
  public static Backend open(Path dir, Durability durability) {
    Optional<Kind> kind = kindOf(dir);
    if (kind.isEmpty()) {
      if (!Files.exists(dir)) {
        throw new BackendException("not_a_store", "no store at " + dir + ": no such directory");
      }
      if (Files.exists(dir.resolve(".git"))) {
        throw new BackendException("not_a_store", dir + " is a Git work tree; a git store is a bare"
            + " repository (git init --bare, git clone --bare)");
      }
      throw new BackendException("not_a_store", dir + " is not a Grove store (neither a git nor an fs store)");
    }
    return kind.get() == Kind.FS ? FsBackend.open(dir, durability) : GitBackend.open(dir, durability);
  }

  /** Creates an empty store of {@code kind} in {@code dir} (absent or empty), with fsync. */
  public static Backend init(Path dir, Kind kind) {
    return init(dir, kind, Durability.FSYNC);
  }

  /**
   * Creates an empty store of {@code kind} in {@code dir}, which must be absent or empty.
   *
   * @throws BackendException {@code store_exists} when {@code dir} is not empty
   */
  public static Backend init(Path dir, Kind kind, Durability durability) {
    return kind == Kind.FS ? FsBackend.init(dir, durability) : GitBackend.init(dir, durability);
  }
}
