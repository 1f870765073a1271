package dev.grove.server.fs;

import dev.grove.server.storage.Durability;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File writes with the durability a store asks for. */
final class FsFiles {
  private FsFiles() {}

  /** Writes {@code parts} to a new file {@code file} (which must not exist), fsynced when asked. */
  static void writeNew(Path file, Durability durability, byte[]... parts) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      for (byte[] part : parts) {
        ByteBuffer buffer = ByteBuffer.wrap(part);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      if (durability == Durability.FSYNC) {
        channel.force(true);
      }
    }
  }

  /** Writes a small file in place (only for files nobody reads while it is written). */
  static void writeDurably(Path file, byte[] content, Durability durability) throws IOException {
    writeNew(file, durability, content);
  }

  /** Makes the entries of {@code dir} (created, renamed, deleted files) durable. */
  static void syncDirectory(Path dir, Durability durability) throws IOException {
    if (durability == Durability.FSYNC) {
      try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }
}
