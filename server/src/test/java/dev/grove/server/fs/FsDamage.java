package dev.grove.server.fs;

import dev.grove.hash.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Damages an fs store behind its back, for tests of what a reader makes of a damaged object. */
public final class FsDamage {
  private FsDamage() {}

  /**
   * Overwrites the stored record of {@code id} (Git's header and the payload, in its pack or its
   * loose file) with {@code record}, which must be as long.
   *
   * @throws IllegalArgumentException when the store has no such object or the lengths differ
   */
  public static void overwriteObject(Path store, ObjectId id, byte[] record) throws IOException {
    Path packDir = store.resolve("objects").resolve("pack");
    List<Path> packs;
    try (var files = Files.list(packDir)) {
      packs = files.filter(f -> f.getFileName().toString().endsWith(FsPack.SUFFIX)).toList();
    }
    for (Path file : packs) {
      FsPack.Location location = FsPack.open(file).find(id.toBytes());
      if (location != null) {
        if (location.length() != record.length) {
          throw new IllegalArgumentException("object " + id.hex() + " has " + location.length()
              + " bytes, not " + record.length);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.write(ByteBuffer.wrap(record), location.offset());
        }
        return;
      }
    }
    Path loose = store.resolve("objects").resolve(id.hex().substring(0, 2)).resolve(id.hex().substring(2));
    if (!Files.isRegularFile(loose)) {
      throw new IllegalArgumentException("no object " + id.hex() + " in " + store);
    }
    if (Files.size(loose) != record.length) {
      throw new IllegalArgumentException("object " + id.hex() + " has " + Files.size(loose)
          + " bytes, not " + record.length);
    }
    Files.write(loose, record);
  }

  /**
   * Removes the object {@code id}: its pack is replaced by one without it (or its loose file is
   * deleted).
   */
  public static void removeObject(Path store, ObjectId id) throws IOException {
    try (var files = Files.list(store.resolve("objects").resolve("pack"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!file.getFileName().toString().endsWith(FsPack.SUFFIX)) {
          continue;
        }
        FsPack pack = FsPack.open(file);
        if (pack.find(id.toBytes()) == null) {
          continue;
        }
        List<FsPack.Record> kept = new java.util.ArrayList<>();
        for (int i = 0; i < pack.count(); i++) {
          if (!pack.idAt(i).equals(id)) {
            kept.add(new FsPack.Record(pack.idAt(i), pack.read(pack.locationAt(i))));
          }
        }
        Path temp = file.resolveSibling("rewritten.tmp");
        String name;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          name = FsPack.write(channel, kept);
        }
        Files.move(temp, file.resolveSibling(name));
        Files.delete(file);
        return;
      }
    }
    Files.delete(store.resolve("objects").resolve(id.hex().substring(0, 2)).resolve(id.hex().substring(2)));
  }

  /** The stored record of {@code id} (in a pack or loose), as it is on disk. */
  public static byte[] record(Path store, ObjectId id) throws IOException {
    try (var files = Files.list(store.resolve("objects").resolve("pack"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().endsWith(FsPack.SUFFIX)) {
          FsPack pack = FsPack.open(file);
          FsPack.Location location = pack.find(id.toBytes());
          if (location != null) {
            return pack.read(location);
          }
        }
      }
    }
    return Files.readAllBytes(store.resolve("objects").resolve(id.hex().substring(0, 2)).resolve(id.hex().substring(2)));
  }
}
