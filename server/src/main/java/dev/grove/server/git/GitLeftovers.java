package dev.grove.server.git;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Removes the temporary files that JGit writers killed mid-write leave in {@code objects/}:
 * {@code incoming_*.pack} and {@code incoming_*.idx} (a pack being received, see
 * {@link GitPackWriter}) and {@code noz*.tmp} (a loose object being written). Neither Git nor
 * JGit reads them as objects, and {@code git gc} keeps them (it only prunes Git's own
 * {@code tmp_*} files), so without this they are wasted space for ever.
 *
 * <p>A writer in another process may be using such a file right now, and its name does not say
 * whose it is; so only files not modified for {@link #MIN_AGE_MILLIS} are removed (a live
 * writer renames its file within milliseconds to minutes). Best effort:
 * a file that cannot be removed is left, never an error, as it harms nothing but disk space.
 */
final class GitLeftovers {
  /**
   * How long a temporary file must have been left untouched before it is removed: a day. Not
   * minutes: JGit writes a received pack's data first and then resolves its deltas without
   * touching the file, which for a huge stock {@code git push} can take long.
   */
  static final long MIN_AGE_MILLIS = 24 * 60 * 60 * 1000L;

  private GitLeftovers() {}

  /**
   * Removes the leftovers in {@code objectsDir} last modified more than {@link #MIN_AGE_MILLIS}
   * before {@code nowMillis}.
   *
   * @return how many files were removed
   */
  static int remove(Path objectsDir, long nowMillis) {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(objectsDir,
        GitLeftovers::isTemporary)) {
      for (Path file : files) {
        try {
          if (Files.isRegularFile(file)
              && Files.getLastModifiedTime(file).toMillis() < nowMillis - MIN_AGE_MILLIS
              && Files.deleteIfExists(file)) {
            removed++;
          }
        } catch (IOException e) {
          // Left for a later attempt: it only takes space.
        }
      }
    } catch (IOException e) {
      // An unreadable objects directory: the writes and reads that follow report it.
    }
    return removed;
  }

  /** Whether {@code file} is named as JGit names its temporary pack, index and object files. */
  static boolean isTemporary(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("incoming_") && (name.endsWith(".pack") || name.endsWith(".idx"))
        || name.startsWith("noz") && name.endsWith(".tmp");
  }
}
