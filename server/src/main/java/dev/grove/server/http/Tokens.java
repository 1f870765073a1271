package dev.grove.server.http;

import dev.grove.GroveException;
import dev.grove.hash.Hex;
import dev.grove.server.storage.FileLock;
import dev.grove.sync.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The access tokens of one data directory, in {@code DATA/.grove/tokens}. The file holds only the
 * SHA-256 of each token, with its scope and a name for people; a token is shown once, by
 * {@link #add}, and never stored or logged. Safe for many threads and processes: {@link #add}
 * holds {@code .grove/tokens.lock} while it rewrites the file (atomically, by renaming a complete
 * copy over it), and every other call rereads the file when it has changed, so
 * {@code grove token add} works while a server runs.
 *
 * <p>File format, one token a line: {@code SHA256HEX SCOPE NAME}; lines starting with {@code #}
 * are comments.
 */
public final class Tokens {
  /** Every token starts with this, so that secret scanners and people recognise one. */
  static final String PREFIX = "grove_";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String HEADER = "# Grove access tokens: the SHA-256 of each token (never the token itself), its scope and name.\n"
      + "# Add one with: grove token add --data DIR --name NAME --scope read|write\n";

  private final Path dir;
  private final Path file;
  private List<Entry> entries = List.of();
  private FileTime loadedTime;
  private long loadedSize = -1;

  private record Entry(byte[] hash, Scope scope, String name) {}

  private Tokens(Path dataDir) {
    this.dir = dataDir.resolve(".grove");
    this.file = dir.resolve("tokens");
  }

  /** The tokens of {@code dataDir} (none when it has no tokens file yet; nothing is created). */
  public static Tokens open(Path dataDir) {
    Tokens tokens = new Tokens(dataDir);
    tokens.reloadIfChanged();
    return tokens;
  }

  /** The file that holds the token hashes: {@code DATA/.grove/tokens}. */
  public Path file() {
    return file;
  }

  /**
   * Creates a token and stores its hash.
   *
   * @param name a label for people: 1 to 64 characters of {@code A-Z a-z 0-9 . _ -}, starting
   *     with a letter or a digit, unique
   * @return the new token, which nothing stores: show it once
   * @throws GroveException {@code invalid_token_name} or {@code token_exists}, or {@code io_error}
   */
  public String add(String name, Scope scope) {
    if (!isValidName(name)) {
      throw new GroveException("invalid_token_name", "invalid token name '" + name
          + "': use 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or a digit");
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      Files.createDirectories(dir);
      try (FileLock lock = FileLock.acquire(dir.resolve("tokens.lock"))) {
        List<Entry> current = read();
        for (Entry entry : current) {
          if (entry.name().equals(name)) {
            throw new GroveException("token_exists", "there is already a token named '" + name + "'");
          }
        }
        List<Entry> next = new ArrayList<>(current);
        next.add(new Entry(sha256(token), scope, name));
        write(next);
      }
    } catch (IOException e) {
      throw new GroveException("io_error", "cannot write " + file + ": " + e.getMessage(), e);
    }
    reloadIfChanged();
    return token;
  }

  /**
   * The scope of {@code token}, or empty when it is not one of these tokens. Takes the same time
   * whichever stored token matches, if any: every stored hash is compared, in constant time.
   */
  public Optional<Scope> authenticate(String token) {
    List<Entry> current = reloadIfChanged();
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(token);
    Scope found = null;
    for (Entry entry : current) {
      if (MessageDigest.isEqual(entry.hash(), hash)) {
        found = entry.scope();
      }
    }
    return Optional.ofNullable(found);
  }

  /** Whether there is no token at all. */
  public boolean isEmpty() {
    return reloadIfChanged().isEmpty();
  }

  /**
   * Whether {@code name} can name a token: the one name rule of Grove's names that show in URLs
   * and listings ({@link Protocol#isValidRepositoryName}), so a token name cannot start with
   * {@code .} or {@code -} either.
   */
  static boolean isValidName(String name) {
    return Protocol.isValidRepositoryName(name);
  }

  /** The entries, reread when the file's time or size changed since the last read. */
  private synchronized List<Entry> reloadIfChanged() {
    try {
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        entries = List.of();
        loadedTime = null;
        loadedSize = -1;
        return entries;
      }
      if (!attributes.lastModifiedTime().equals(loadedTime) || attributes.size() != loadedSize) {
        entries = List.copyOf(read());
        loadedTime = attributes.lastModifiedTime();
        loadedSize = attributes.size();
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private List<Entry> read() throws IOException {
    List<Entry> out = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return out;
    }
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split(" ", 3);
      Optional<Scope> scope = fields.length == 3 ? Scope.parse(fields[1]) : Optional.empty();
      if (fields[0].length() != 64 || scope.isEmpty()) {
        throw new IOException("malformed line in " + file + " (expected: SHA256HEX read|write NAME)");
      }
      out.add(new Entry(Hex.decode(fields[0]), scope.get(), fields[2]));
    }
    return out;
  }

  /** Writes a complete new file beside the old one, forces it to disk, then renames it over. */
  private void write(List<Entry> list) throws IOException {
    StringBuilder text = new StringBuilder(HEADER);
    for (Entry entry : list) {
      text.append(Hex.encode(entry.hash())).append(' ').append(entry.scope().label()).append(' ')
          .append(entry.name()).append('\n');
    }
    Path temp = dir.resolve("tokens.tmp");
    Files.deleteIfExists(temp);
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) { // readable by the owner only
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
