package dev.grove.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes a clone's target directory and removes, unless the clone completes, exactly what this
 * process created there. The rule:
 *
 * <ol>
 *   <li>{@link #prepare} finds the nearest existing ancestor of the target without following
 *       links and works on its real path from then on, so nothing later is reached through a
 *       link. It refuses a target that is a symbolic link (even to an empty directory: the
 *       clone names the directory it points to instead) and a path through a link to nothing.
 *       It then makes each missing directory down to the target with
 *       {@link Files#createDirectory}, which fails when the directory appeared meanwhile; only
 *       the directories this call made are this process's. An existing target must be an empty
 *       directory.</li>
 *   <li>Until {@link #storeCreated} (the store's init succeeded), a failure removes only the
 *       directories this process made, innermost first, and each only while it is empty: when
 *       init failed because another process put its store there (another clone into the same
 *       directory), that store stays untouched.</li>
 *   <li>After {@link #storeCreated}, the target's contents are this process's store: a failure
 *       removes them (never following or deleting a symbolic link), then the directories it
 *       made as above.</li>
 * </ol>
 *
 * <p>Either {@link #completed} (keep everything) or {@link #removeAll} (a failure) settles it,
 * once. Until then a JVM shutdown hook removes it too, so a clone stopped by SIGTERM, Ctrl-C
 * (SIGINT) or {@code System.exit} leaves nothing half-made behind (SIGKILL runs no hook:
 * nothing can).
 *
 * <p>Why this is enough: two clones may both find the target empty and both call init, but
 * exactly one init succeeds (the git backend's makes {@code refs/}, the fs backend's its marker
 * file, each an exclusive creation), so exactly one process ever owns the contents; the others
 * fail before {@link #storeCreated} and remove only directories that are still empty.
 */
final class CloneCleanup {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final Path target;
  /** The directories this process made, outermost first (the target last when it made it). */
  private final List<Path> created;
  private final Thread hook;
  private boolean ownsContents;
  private boolean settled;

  private CloneCleanup(Path target, List<Path> created) {
    this.target = target;
    this.created = created;
    this.hook = new Thread(this::removeOnShutdown, "grove-clone-cleanup");
  }

  /**
   * Makes {@code target} (and its missing parents) as the rule above says, and registers the
   * shutdown hook that removes what this process made.
   *
   * @return the clean-up; {@link #target()} is the real path to clone into
   * @throws CommandException when the target is a symbolic link, exists and is not an empty
   *     directory, lies under a file or a link to nothing, or cannot be made
   */
  static CloneCleanup prepare(Path target) {
    Path wanted = target.toAbsolutePath().normalize();
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = wanted;
    while (existing != null && !Files.exists(existing, NOFOLLOW)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new CommandException("cannot clone into " + wanted + ": no part of it exists");
    }
    if (existing.equals(wanted) && Files.isSymbolicLink(existing)) {
      throw new CommandException("cannot clone into " + wanted + ": it is a symbolic link; clone into the"
          + " directory it points to instead");
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      throw new CommandException("cannot clone into " + wanted + ": " + existing
          + (Files.isSymbolicLink(existing) ? " is a symbolic link to nothing" : " cannot be read: " + e.getMessage()));
    }
    if (!Files.isDirectory(real, NOFOLLOW)) {
      throw new CommandException("cannot clone into " + wanted + ": " + existing
          + (missing.isEmpty() ? " exists and is not an empty directory" : " is not a directory"));
    }
    List<Path> created = new ArrayList<>();
    Path at = real;
    String problem = null;
    for (Path name : missing) {
      at = at.resolve(name.toString());
      try {
        Files.createDirectory(at);
        created.add(at);
      } catch (FileAlreadyExistsException e) {
        // Another process made it meanwhile: it is not ours.
        if (!Files.isDirectory(at, NOFOLLOW)) {
          problem = at + " appeared meanwhile and is not a directory";
          break;
        }
      } catch (IOException e) {
        problem = "cannot create " + at + ": " + e.getMessage();
        break;
      }
    }
    boolean targetExisted = created.isEmpty() || !created.get(created.size() - 1).equals(at);
    if (problem == null && targetExisted && !isEmptyDirectory(at)) {
      problem = "it exists and is not an empty directory";
    }
    if (problem != null) {
      try {
        new CloneCleanup(at, created).remove();
      } catch (IOException ignored) {
        // The message says what failed; what may be left are empty directories.
      }
      throw new CommandException("cannot clone into " + wanted + ": " + problem);
    }
    CloneCleanup cleanup = new CloneCleanup(at, created);
    Runtime.getRuntime().addShutdownHook(cleanup.hook);
    return cleanup;
  }

  /** The real path of the directory to clone into. */
  Path target() {
    return target;
  }

  /** The store's init succeeded: from now on the target's contents are this clone's. */
  synchronized void storeCreated() {
    ownsContents = true;
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
    if (ownsContents && Files.isDirectory(target, NOFOLLOW)) {
      List<Path> paths;
      try (Stream<Path> walk = Files.walk(target)) { // does not follow links
        paths = walk.filter(path -> !path.equals(target)).sorted(Comparator.reverseOrder()).toList();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (Path path : paths) {
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
          continue;
        }
        if (!attributes.isSymbolicLink()) {
          Files.deleteIfExists(path);
        }
      }
    }
    // The directories made here, innermost first; one that is not empty (or was swapped for
    // something else) stays, and so do the ones around it.
    for (int i = created.size() - 1; i >= 0; i--) {
      Path path = created.get(i);
      if (!Files.exists(path, NOFOLLOW)) {
        continue;
      }
      if (!Files.isDirectory(path, NOFOLLOW)) {
        return;
      }
      try {
        Files.delete(path);
      } catch (DirectoryNotEmptyException e) {
        return;
      } catch (NoSuchFileException e) {
        // Already gone.
      }
    }
  }

  private static boolean isEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir, NOFOLLOW)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
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
