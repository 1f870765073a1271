package dev.grove.server.fs;

import dev.grove.backend.BackendException;
import dev.grove.hash.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One pack file of the fs backend: several objects in one file, written once (to a temporary
 * file, fsynced, renamed into {@code objects/pack/}) and never changed. Layout, big-endian:
 *
 * <pre>
 * "GROVPACK"                     8 bytes
 * version (1)                    4 bytes
 * count                          4 bytes
 * count entries, sorted by id:   id (20 bytes), offset of its record (8), record length (4)
 * CRC-32 of the bytes above      4 bytes
 * records                        each as a loose object file: "type len\0" and the payload
 * </pre>
 *
 * The file is named {@code COUNT-HASH.pack}, HASH the SHA-1 of the entries: the name says how
 * many objects it holds (for merging small packs) and two packs named alike hold the same bytes.
 * An open pack maps its entries (not the records) and finds an id by binary search; the CRC is
 * checked on opening, and every record read is checked against its id by the caller.
 */
final class FsPack {
  static final String SUFFIX = ".pack";
  private static final byte[] MAGIC = "GROVPACK".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER = 16;
  private static final int ENTRY = 32;
  private static final int ID = 20;

  /** One object to pack: its id, its record's length, and how to write the record. */
  interface Source {
    ObjectId id();

    int length();

    /** Writes the record's {@link #length()} bytes at {@code out}'s position. */
    void writeTo(FileChannel out) throws IOException;
  }

  /** One object to pack: its id and its record (Git's header and the payload) in parts. */
  record Record(ObjectId id, byte[]... parts) implements Source {
    @Override
    public int length() {
      int length = 0;
      for (byte[] part : parts) {
        length += part.length;
      }
      return length;
    }

    @Override
    public void writeTo(FileChannel out) throws IOException {
      ByteBuffer[] buffers = new ByteBuffer[parts.length];
      long total = 0;
      for (int i = 0; i < parts.length; i++) {
        buffers[i] = ByteBuffer.wrap(parts[i]);
        total += parts[i].length;
      }
      for (long written = 0; written < total; ) {
        written += out.write(buffers);
      }
    }
  }

  /**
   * A record copied from an open pack without holding it in memory ({@code in} is a channel on
   * {@code location}'s pack, kept open by the caller).
   */
  record Copy(ObjectId id, Location location, FileChannel in) implements Source {
    @Override
    public int length() {
      return location.length();
    }

    @Override
    public void writeTo(FileChannel out) throws IOException {
      Path file = location.pack().file();
      if (location.offset() < 0 || location.offset() + location.length() > in.size()) {
        throw corrupt(file, "an entry points past its end");
      }
      long done = 0;
      while (done < location.length()) {
        long n = in.transferTo(location.offset() + done, location.length() - done, out);
        if (n <= 0) {
          throw corrupt(file, "it ended while its record of " + id.hex() + " was copied");
        }
        done += n;
      }
    }
  }

  /** Where a record is in its pack. */
  record Location(FsPack pack, long offset, int length) {}

  private final Path file;
  private final int count;
  private final long size;
  private final ByteBuffer entries;

  private FsPack(Path file, int count, long size, ByteBuffer entries) {
    this.file = file;
    this.count = count;
    this.size = size;
    this.entries = entries;
  }

  Path file() {
    return file;
  }

  int count() {
    return count;
  }

  /** The file's size in bytes when it was opened (packs never change). */
  long size() {
    return size;
  }

  /** The object count a pack's file name states, or -1 when the name is not a pack's. */
  static int countOf(String fileName) {
    int dash = fileName.indexOf('-');
    if (!fileName.endsWith(SUFFIX) || dash <= 0) {
      return -1;
    }
    try {
      return Integer.parseInt(fileName.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Writes a pack of {@code records} (ids distinct) to {@code channel}, fsynced when asked by the
   * caller afterwards; returns the file name it must be given.
   */
  static String write(FileChannel channel, List<? extends Source> records) throws IOException {
    List<Source> sorted = new ArrayList<>(records);
    sorted.sort((a, b) -> a.id().compareTo(b.id()));
    int n = sorted.size();
    ByteBuffer head = ByteBuffer.allocate(HEADER + n * ENTRY + 4).order(ByteOrder.BIG_ENDIAN);
    head.put(MAGIC).putInt(VERSION).putInt(n);
    long offset = head.capacity();
    byte[] id = new byte[ID];
    for (Source record : sorted) {
      record.id().copyTo(id, 0);
      head.put(id).putLong(offset).putInt(record.length());
      offset += record.length();
    }
    CRC32 crc = new CRC32();
    crc.update(head.array(), 0, head.position());
    head.putInt((int) crc.getValue());
    head.flip();
    while (head.hasRemaining()) {
      channel.write(head);
    }
    for (Source record : sorted) {
      record.writeTo(channel);
    }
    if (channel.position() != offset) {
      throw new IOException("wrote " + channel.position() + " bytes of a pack of " + offset);
    }
    return n + "-" + sha1Hex(head.array(), HEADER, n * ENTRY) + SUFFIX;
  }

  /**
   * Opens the pack {@code file}, mapping its entries.
   *
   * @throws java.nio.file.NoSuchFileException when it is gone (merged into another pack)
   * @throws BackendException {@code corrupt_pack} when its header or entries are damaged
   */
  static FsPack open(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      readFully(channel, header, 0);
      header.flip();
      byte[] magic = new byte[MAGIC.length];
      header.get(magic);
      int version = header.getInt();
      int count = header.getInt();
      if (!Arrays.equals(magic, MAGIC) || version != VERSION || count < 0
          || HEADER + (long) count * ENTRY + 4 > size) {
        throw corrupt(file, "not a pack of this version, or cut short");
      }
      int indexLength = count * ENTRY;
      ByteBuffer entries = count * ENTRY < 64 * 1024
          ? readFully(channel, ByteBuffer.allocate(indexLength), HEADER).flip()
          : channel.map(FileChannel.MapMode.READ_ONLY, HEADER, indexLength);
      ByteBuffer stored = readFully(channel, ByteBuffer.allocate(4), HEADER + indexLength).flip();
      CRC32 crc = new CRC32();
      header.flip();
      crc.update(header);
      crc.update(entries.duplicate());
      if ((int) crc.getValue() != stored.getInt()) {
        throw corrupt(file, "its entries do not match their checksum");
      }
      return new FsPack(file, count, size, entries.asReadOnlyBuffer());
    }
  }

  /** Where {@code id} is in this pack, or null. */
  Location find(byte[] id) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int base = mid * ENTRY;
      int cmp = 0;
      for (int i = 0; i < ID && cmp == 0; i++) {
        cmp = Integer.compare(entries.get(base + i) & 0xff, id[i] & 0xff);
      }
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return new Location(this, entries.getLong(base + ID), entries.getInt(base + ID + 8));
      }
    }
    return null;
  }

  /** The id of entry {@code i} (0 to count - 1, in order of id). */
  ObjectId idAt(int i) {
    byte[] id = new byte[ID];
    entries.get(i * ENTRY, id);
    return ObjectId.fromBytes(id);
  }

  /** Where entry {@code i} is. */
  Location locationAt(int i) {
    return new Location(this, entries.getLong(i * ENTRY + ID), entries.getInt(i * ENTRY + ID + 8));
  }

  /**
   * Reads the record at {@code location} (of this pack).
   *
   * @throws java.nio.file.NoSuchFileException when the pack is gone (merged into another)
   */
  byte[] read(Location location) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (location.offset() < 0 || location.length() < 0
          || location.offset() + location.length() > channel.size()) {
        throw corrupt(file, "an entry points past its end");
      }
      return readFully(channel, ByteBuffer.allocate(location.length()), location.offset()).array();
    }
  }

  private static ByteBuffer readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new java.io.EOFException("unexpected end of " + channel);
      }
      at += n;
    }
    return buffer;
  }

  private static BackendException corrupt(Path file, String why) {
    return new BackendException("corrupt_pack", "pack " + file + " is corrupt on disk: " + why);
  }

  private static String sha1Hex(byte[] bytes, int offset, int length) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(bytes, offset, length);
      return HexFormat.of().formatHex(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-1", e);
    }
  }
}
