package dev.grove.server.storage;

import dev.grove.backend.BackendException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, held against other threads of this JVM and other processes.
 *
 * <p>Between processes it is a POSIX record lock ({@link FileChannel#lock()}), which the kernel
 * releases when its holder dies: a crashed writer can never leave it held, and nothing ever
 * breaks a lock that a live writer holds. Inside one JVM, where record locks do not exclude
 * threads, a {@link ReentrantLock} per file does. The lock file itself is never deleted.
 */
public final class FileLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;

  private FileLock(ReentrantLock threadLock, FileChannel channel) {
    this.threadLock = threadLock;
    this.channel = channel;
  }

  /**
   * Blocks until this thread holds the lock on {@code file} (created if missing).
   *
   * @throws BackendException when the file cannot be opened or locked
   */
  public static FileLock acquire(Path file) {
    Path key = file.toAbsolutePath().normalize();
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    threadLock.lock();
    FileChannel channel = null;
    try {
      Files.createDirectories(key.getParent());
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      channel.lock();
      return new FileLock(threadLock, channel);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      threadLock.unlock();
      throw new BackendException("io_error", "cannot lock " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Takes the lock on {@code file} (created if missing) if no other thread or process holds it;
   * empty when one does.
   *
   * @throws BackendException when the file cannot be opened or locked
   */
  public static java.util.Optional<FileLock> tryAcquire(Path file) {
    Path key = file.toAbsolutePath().normalize();
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    if (!threadLock.tryLock()) {
      return java.util.Optional.empty();
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(key.getParent());
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (channel.tryLock() == null) {
        closeQuietly(channel);
        threadLock.unlock();
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new FileLock(threadLock, channel));
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      threadLock.unlock();
      throw new BackendException("io_error", "cannot lock " + key + ": " + e.getMessage(), e);
    }
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      closeQuietly(channel); // closing the channel releases the record lock
    } finally {
      threadLock.unlock();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing releases the lock even when it reports an error; nothing was written through it.
    }
  }
}
