package dev.grove.server.client;

import dev.grove.sync.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The remotes of one store: names for repository URLs, kept in the store's directory in the
 * file {@value #FILE}, one {@code NAME URL} per line (blank lines and lines starting with
 * {@code #} are ignored). Not in Git's config: stock Git would take a Grove URL for a Git
 * remote. The file is replaced atomically (written aside, synced, renamed), so a reader sees
 * the old list or the new one; two processes adding at the same moment may lose one addition.
 *
 * <p>A name is 1 to 64 characters of {@code A-Z a-z 0-9 . _ -} starting with a letter or a
 * digit. A remote's location is a URL, absolute {@code http} or {@code https} with a host and
 * no user, query or fragment (a token goes in {@code --token}, never in a URL), stored without
 * trailing slashes; or the absolute path of a store's directory (text without {@code ://}).
 */
public final class Remotes {
  /** The file's name in the store directory. */
  public static final String FILE = "grove-remotes";
  /** The remote that clone records and that pull, push, sync and watch use by default. */
  public static final String DEFAULT = "origin";

  private final Path file;
  private final SortedMap<String, String> urls;

  private Remotes(Path file, SortedMap<String, String> urls) {
    this.file = file;
    this.urls = urls;
  }

  /**
   * Reads the remotes of the store in {@code storeDir} (none when the file is absent).
   *
   * @throws RemoteConfigException {@code bad_remotes_file} for a line that is not {@code NAME URL}
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Remotes of(Path storeDir) {
    Path file = storeDir.resolve(FILE);
    SortedMap<String, String> urls = new TreeMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Remotes(file, urls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      String name = space < 0 ? line : line.substring(0, space);
      String url = space < 0 ? "" : line.substring(space + 1).strip();
      if (problemWithName(name) != null || problemWithLocation(url) != null || urls.containsKey(name)) {
        throw new RemoteConfigException("bad_remotes_file", file + " line " + (i + 1)
            + ": expected 'NAME URL' with a new valid name and an http(s) URL or a store's absolute"
            + " path, found '" + masked(line) + "'");
      }
      urls.put(name, normalize(url));
    }
    return new Remotes(file, urls);
  }

  /** Every remote, name to URL, in name order. */
  public SortedMap<String, String> all() {
    return Collections.unmodifiableSortedMap(urls);
  }

  /** The URL of remote {@code name}, or empty. */
  public Optional<String> find(String name) {
    return Optional.ofNullable(urls.get(name));
  }

  /**
   * The URL of remote {@code name}.
   *
   * @throws RemoteConfigException {@code remote_not_found}, saying which remotes there are
   */
  public String get(String name) {
    String url = urls.get(name);
    if (url != null) {
      return url;
    }
    String known = urls.isEmpty() ? "the store has none" : "remotes: " + String.join(", ", urls.keySet());
    throw new RemoteConfigException("remote_not_found", "no remote '" + name + "' (" + known
        + "); add one with: grove remote add " + (problemWithName(name) == null ? name : "NAME") + " URL");
  }

  /**
   * Adds remote {@code name} at {@code location} (a URL, or a store's absolute path) and writes
   * the file.
   *
   * @return the location as stored (a URL without trailing slashes)
   * @throws RemoteConfigException {@code invalid_remote_name}, {@code invalid_remote_url} or
   *     {@code remote_exists}; nothing is written then
   * @throws UncheckedIOException when the file cannot be written (it is left as it was)
   */
  public String add(String name, String location) {
    checkName(name);
    String normalized = checkLocation(location);
    if (urls.containsKey(name)) {
      throw new RemoteConfigException("remote_exists", "remote '" + name + "' already exists ("
          + urls.get(name) + ")");
    }
    SortedMap<String, String> next = new TreeMap<>(urls);
    next.put(name, normalized);
    write(next);
    urls.put(name, normalized);
    return normalized;
  }

  /**
   * Checks a remote's name.
   *
   * @throws RemoteConfigException {@code invalid_remote_name}, saying what is wrong
   */
  public static void checkName(String name) {
    String problem = problemWithName(name);
    if (problem != null) {
      throw new RemoteConfigException("invalid_remote_name", "invalid remote name '" + name + "': " + problem);
    }
  }

  /** Whether {@code location} is a URL (it has a scheme, {@code ://}), not a directory's path. */
  public static boolean isUrl(String location) {
    return location.contains("://");
  }

  /**
   * Checks a remote's location: a URL ({@link #checkUrl}), or the absolute path of a directory.
   *
   * @return the location as stored
   * @throws RemoteConfigException {@code invalid_remote_url}, saying what is wrong
   */
  public static String checkLocation(String location) {
    if (isUrl(location)) {
      return checkUrl(location);
    }
    String problem = problemWithLocation(location);
    if (problem != null) {
      throw new RemoteConfigException("invalid_remote_url", "invalid location '" + location + "': " + problem);
    }
    return location;
  }

  private static String problemWithLocation(String location) {
    if (isUrl(location)) {
      return problemWithUrl(location);
    }
    return location.startsWith("/") && !location.contains("\n") ? null
        : "expected http://HOST:PORT/repos/NAME or the absolute path of a store's directory";
  }

  /**
   * Checks a repository URL and returns it without trailing slashes.
   *
   * @throws RemoteConfigException {@code invalid_remote_url}, saying what is wrong
   */
  public static String checkUrl(String url) {
    String problem = problemWithUrl(url);
    if (problem != null) {
      throw new RemoteConfigException("invalid_remote_url", "invalid URL '" + masked(url) + "': " + problem);
    }
    return normalize(url);
  }

  /**
   * What is wrong with {@code name}, or null. A remote's name follows the rule of repository
   * names ({@link Protocol#isValidRepositoryName}): one rule, one implementation.
   */
  private static String problemWithName(String name) {
    return Protocol.isValidRepositoryName(name) ? null
        : "a name has 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or a digit";
  }

  private static String problemWithUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return e.getReason();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "expected http://HOST:PORT/repos/NAME (http or https), or a store's directory";
    }
    if (uri.getHost() == null) {
      return "no host; expected http://HOST:PORT/repos/NAME";
    }
    if (uri.getRawUserInfo() != null) {
      return "no user or token in a URL; give the token with --token or GROVE_TOKEN";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "a repository URL has no query (?) or fragment (#)";
    }
    return null;
  }

  /**
   * {@code text} with the user information of each URL in it replaced by {@code ***}:
   * {@code http://me:secret@h/repos/x} becomes {@code http://***@h/repos/x}. For messages, which
   * must never show a token or a password. Conservative, as a raw password may hold {@code /},
   * {@code ?}, {@code #} or even {@code @}: everything from {@code ://} up to the last {@code @}
   * before the next whitespace is masked (an {@code @} in a path masks the host too, which is
   * harmless).
   */
  public static String masked(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (true) {
      int scheme = text.indexOf("://", from);
      if (scheme < 0) {
        break;
      }
      int start = scheme + 3;
      int end = start;
      int at = -1;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        if (text.charAt(end) == '@') {
          at = end;
        }
        end++;
      }
      out.append(text, from, start);
      if (at >= 0) {
        out.append("***").append(text, at, end);
      } else {
        out.append(text, start, end);
      }
      from = end;
    }
    return out.append(text, from, text.length()).toString();
  }

  private static String normalize(String url) {
    String out = url;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  private void write(SortedMap<String, String> remotes) {
    StringBuilder text = new StringBuilder("# Grove remotes: NAME URL (grove remote add NAME URL)\n");
    remotes.forEach((name, url) -> text.append(name).append(' ').append(url).append('\n'));
    Path temp = file.resolveSibling(FILE + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        channel.write(StandardCharsets.UTF_8.encode(text.toString()));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // The temporary file is harmless; the remotes file is unchanged.
      }
      throw new UncheckedIOException(e);
    }
  }
}
