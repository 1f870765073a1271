package dev.grove.server.cli;

import dev.grove.backend.Backend;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What every command of one run shares: the streams, the working directory and the store
 * directory given by {@code --repo}. Text goes out as UTF-8; {@link #rawOut()} takes bytes.
 */
final class Cli {
  private final InputStream in;
  private final OutputStream rawOut;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Path workingDir;
  private String repo;

  Cli(InputStream in, OutputStream out, OutputStream err, Path workingDir) {
    this.in = in;
    this.rawOut = out;
    this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    this.err = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    this.workingDir = workingDir;
  }

  InputStream in() {
    return in;
  }

  /** Standard output as text, UTF-8. */
  PrintWriter out() {
    return out;
  }

  /** Standard output as bytes; flush {@link #out()} before writing here. */
  OutputStream rawOut() {
    out.flush();
    return rawOut;
  }

  PrintWriter err() {
    return err;
  }

  /** {@code text} as a path, relative to the working directory. */
  Path resolve(String text) {
    return workingDir.resolve(text).normalize();
  }

  void setRepo(String repo) {
    this.repo = repo;
  }

  /** The store directory: {@code --repo}, or the working directory. */
  Path repoDir() {
    return repo == null ? workingDir.normalize() : resolve(repo);
  }

  /** Opens the store in {@link #repoDir()}; close it after use. */
  Repository openRepository() {
    Backend backend = Stores.open(repoDir());
    return Repository.open(backend);
  }
}
