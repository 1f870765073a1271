package dev.grove.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what a clone created unless the clone completes: the target directory when the clone
 * made it (and the parent directories it made for it, e.g. {@code /tmp/a/b} for
 * {@code /tmp/a/b/notes} when {@code /tmp/a} was absent), else the target's contents (it was an
 * empty directory). {@link #arm} is called before anything is created; then either
 * {@link #completed} (keep everything) or {@link #removeAll} (a failure) settles it, once. Until
 * then a JVM shutdown hook removes it too, so a clone stopped by SIGTERM, Ctrl-C (SIGINT) or
 * {@code System.exit} leaves nothing half-made behind (SIGKILL runs no hook: nothing can).
 */
final class CloneCleanup {
  private final Path target;
  private final boolean targetExisted;
  private final Path topCreated;
  private final Thread hook;
  private boolean settled;

  private CloneCleanup(Path target) {
    this.target = target.toAbsolutePath().normalize();
    this.targetExisted = Files.exists(this.target);
    Path top = this.target;
    while (top.getParent() != null && !Files.exists(top.getParent())) {
      top = top.getParent();
    }
    this.topCreated = top;
    this.hook = new Thread(this::removeOnShutdown, "grove-clone-cleanup");
  }

  /**
   * Notes what exists now of {@code target} (an empty directory or nothing) and registers the
   * shutdown hook that removes what is created from now on.
   */
  static CloneCleanup arm(Path target) {
    CloneCleanup cleanup = new CloneCleanup(target);
    Runtime.getRuntime().addShutdownHook(cleanup.hook);
    return cleanup;
  }

  /** The clone is complete: everything stays, and the shutdown hook is gone. */
  synchronized void completed() {
    settled = true;
    removeHook();
  }

  /**
   * The clone failed: removes what it created, once (later calls and the shutdown hook do
   * nothing).
   *
   * @throws UncheckedIOException when something could not be removed
   */
  synchronized void removeAll() {
    if (settled) {
      return;
    }
    settled = true;
    removeHook();
    try {
      remove();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the unfinished clone in " + target, e);
    }
  }

  private synchronized void removeOnShutdown() {
    if (settled) {
      return;
    }
    settled = true;
    // The clone's thread still runs while the JVM shuts down and may create a file between a
    // walk and a delete: walk again a few times.
    for (int attempt = 1; attempt <= 5; attempt++) {
      try {
        remove();
        return;
      } catch (IOException e) {
        if (attempt == 5) {
          System.err.println("grove: cannot remove the unfinished clone in " + target + ": " + e.getMessage());
        }
      }
    }
  }

  private void remove() throws IOException {
    if (Files.exists(target)) {
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(target)) {
        paths = walk.sorted(Comparator.reverseOrder()).toList();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (Path path : paths) {
        if (!(targetExisted && path.equals(target))) {
          Files.deleteIfExists(path);
        }
      }
    }
    if (targetExisted) {
      return;
    }
    // The parents made for the target, innermost first; one that is no longer empty stays.
    for (Path parent = target.getParent(); parent != null && parent.startsWith(topCreated) && !parent.equals(target);
        parent = parent.getParent()) {
      try {
        Files.deleteIfExists(parent);
      } catch (DirectoryNotEmptyException e) {
        return;
      } catch (NoSuchFileException e) {
        // Already gone.
      }
    }
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs and finds the clone settled.
    }
  }
}
