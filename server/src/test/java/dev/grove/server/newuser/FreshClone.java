package dev.grove.server.newuser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a new user starts from: a copy of the project as a fresh clone of it would be, and a Maven
 * local repository that holds every third-party artifact of the developer's (linked, so nothing
 * is downloaded again) but <em>no</em> {@code dev.grove} one. A build that needs a project
 * artifact installed in {@code ~/.m2} fails here exactly as it fails on a machine that never
 * built Grove, so a green run on a developer's machine can no longer hide it.
 *
 * <p>The copy holds the files {@code git} tracks, or would track once added (ignored files such
 * as build output are left out), as they are in the working tree now: it checks what the next
 * commit would be, not the last one.
 */
final class FreshClone implements AutoCloseable {
  /** How a process ended, with everything it printed. */
  record Result(int exit, String out, String err) {
    String describe() {
      return "exit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
    }
  }

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  final Path root;
  final Path mavenRepository;

  private FreshClone(Path root, Path mavenRepository) {
    this.root = root;
    this.mavenRepository = mavenRepository;
  }

  /** A fresh clone of the project in {@code dir/clone}, with its local repository in {@code dir/m2}. */
  static FreshClone in(Path dir) throws IOException, InterruptedException {
    Path clone = copyProject(projectRoot(), dir.resolve("clone"));
    return new FreshClone(clone, repositoryWithoutGrove(developersRepository(), dir.resolve("m2")));
  }

  /**
   * The environment in which Maven uses the clean local repository: {@code mvn} reads
   * {@code MAVEN_OPTS}, so every Maven run started by a script (./grove, ./run-tests) gets it.
   */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    String opts = System.getenv().getOrDefault("MAVEN_OPTS", "");
    env.put("MAVEN_OPTS", (opts + " -Dmaven.repo.local=" + mavenRepository).trim());
    return env;
  }

  /**
   * Removes the links to the developer's artifacts (never what they point to), so that the
   * temporary directory is deleted without a warning for each.
   */
  @Override
  public void close() throws IOException {
    for (Path dir : List.of(mavenRepository, mavenRepository.resolve("dev"))) {
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> entries = Files.list(dir)) {
          for (Path entry : (Iterable<Path>) entries::iterator) {
            if (Files.isSymbolicLink(entry)) {
              Files.delete(entry);
            }
          }
        }
      }
    }
  }

  /** Runs a command in {@code dir} with {@link #environment()} and no standard input. */
  Result run(Path dir, String... command) throws IOException, InterruptedException {
    return run(dir, Map.of(), command);
  }

  /** Runs a command in {@code dir} with {@link #environment()} plus {@code extra}. */
  Result run(Path dir, Map<String, String> extra, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("grove-out", ".txt");
    Path err = Files.createTempFile("grove-err", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment());
      builder.environment().putAll(extra);
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in "
            + TIMEOUT.toMinutes() + " minutes; stderr: " + Files.readString(err));
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** The project root: the nearest directory above the tests' working directory with ./grove. */
  static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("grove")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new AssertionError("no project root (with ./grove) above " + here);
  }

  /** The developer's local repository, as Maven passes it to the tests (server/pom.xml). */
  private static Path developersRepository() {
    String configured = System.getProperty("grove.mavenLocalRepository", "");
    return configured.isEmpty() || configured.startsWith("${")
        ? Path.of(System.getProperty("user.home"), ".m2", "repository")
        : Path.of(configured);
  }

  /**
   * A local repository in {@code to} that links each group folder of {@code from} except
   * {@code dev/grove}: third-party artifacts resolve at once, Grove's own only from the reactor.
   */
  static Path repositoryWithoutGrove(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return to;
    }
    linkEachExcept(from, to, "dev");
    Path dev = from.resolve("dev");
    if (Files.isDirectory(dev)) {
      linkEachExcept(dev, Files.createDirectories(to.resolve("dev")), "grove");
    }
    return to;
  }

  private static void linkEachExcept(Path from, Path to, String except) throws IOException {
    try (Stream<Path> entries = Files.list(from)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.equals(except)) {
          Files.createSymbolicLink(to.resolve(name), entry.toAbsolutePath());
        }
      }
    }
  }

  /** Copies the files git tracks or would track (not ignored), keeping executable bits and links. */
  private static Path copyProject(Path root, Path to) throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--cached",
        "--others", "--exclude-standard").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] listing = git.getInputStream().readAllBytes();
    if (git.waitFor() != 0) {
      throw new AssertionError("git ls-files failed in " + root + ": the fresh-clone tests need a git checkout");
    }
    List<String> files = new ArrayList<>();
    for (String name : new String(listing, StandardCharsets.UTF_8).split("\0")) {
      if (!name.isEmpty()) {
        files.add(name);
      }
    }
    for (String name : files) {
      Path source = root.resolve(name);
      if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        continue; // deleted in the working tree, not yet in the index
      }
      Path target = to.resolve(name);
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
    return to;
  }
}
