package dev.grove.server.cli;

import dev.grove.server.http.GroveServer;
import dev.grove.server.http.Scope;
import dev.grove.server.http.ServerConfig;
import dev.grove.server.http.Tokens;
import dev.grove.server.storage.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "serve", sortOptions = false,
    header = "Serve repositories over HTTP.",
    description = {
        "Serves every repository DATA/NAME at http://HOST:PORT/repos/NAME (the sync protocol: grove clone, pull, push, sync, watch) and, for git repositories, at http://HOST:PORT/git/NAME.git (stock git clone, fetch and push). A repository is created by its first push with a write token; each is also a store that 'grove --repo DATA/NAME' opens directly.",
        "Requests need a token (Authorization: Bearer TOKEN; for git, the token as the password). On a first start with no tokens, serve creates a write token and prints it once, in a URL to open; later starts say where the tokens are kept (only their hashes) and how to add one with 'grove token add'. Stops gracefully on Ctrl-C or SIGTERM: requests under way finish first. Logs one line per request on standard error.",
        "Other processes may write to DATA/NAME while it serves (such as 'grove --repo DATA/NAME set ...'): clients see those changes, but watch streams do not report them until the next change made through the server."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove serve",
        "  grove serve --data /srv/grove --host 0.0.0.0 --port 8080",
        "  grove serve --anonymous-read --allow-origin https://notes.example"})
final class ServeCommand implements Callable<Integer>, StorelessCommand {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "grove-data",
      description = "The repositories' directory, created when missing (default: ${DEFAULT-VALUE}).")
  String data;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "7070",
      description = "The port (default: ${DEFAULT-VALUE}; 0 for any free one).")
  int port;

  @Option(names = "--backend", paramLabel = "KIND", defaultValue = "git",
      description = "The kind of store a first push creates: git or fs (default: ${DEFAULT-VALUE}).")
  String backend;

  @Option(names = "--anonymous-read",
      description = "Let anyone read (refs, fetch, watch, git clone) without a token.")
  boolean anonymousRead;

  @Option(names = "--allow-origin", paramLabel = "ORIGIN",
      description = "A web origin (such as https://notes.example) whose pages may call the server; repeatable.")
  List<String> allowedOrigins = new ArrayList<>();

  @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "256M",
      description = "The largest request body: bytes, or with k, M or G (default: ${DEFAULT-VALUE}).")
  String maxBody;

  ServeCommand(Cli cli) {
    this.cli = cli;
  }

  /** Whether a command line runs {@code serve}, which logs (through slf4j-simple) where other commands log nothing. */
  static boolean isServe(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--repo")) {
        i++; // skip its value
      } else if (!args[i].startsWith("-")) {
        return args[i].equals("serve");
      }
    }
    return false;
  }

  @Override
  public String whyNoRepo() {
    return "it serves the repositories in --data DIR";
  }

  @Override
  public Integer call() {
    Stores.Kind kind = Stores.Kind.parse(backend).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "unknown backend '" + backend + "': use git or fs"));
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
    }
    long maxBodyBytes = parseSize(maxBody);
    Path dataDir = cli.resolve(data);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String firstToken = null;
    Tokens tokens = Tokens.open(dataDir);
    if (tokens.isEmpty()) {
      firstToken = tokens.add("first", Scope.WRITE);
    }
    ServerConfig config = ServerConfig.defaults(dataDir).withHost(host).withPort(port)
        .withBackend(kind).withAnonymousRead(anonymousRead).withAllowedOrigins(allowedOrigins)
        .withMaxBodyBytes(maxBodyBytes);
    GroveServer server;
    try {
      server = GroveServer.start(config);
    } catch (io.javalin.util.JavalinException e) {
      throw new CommandException("cannot serve on " + host + ":" + port + ": " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close(); // graceful: requests under way finish, then the repositories close
      stopped.countDown();
    }, "grove-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    cli.out().println("Grove is serving " + dataDir + " on " + server.url());
    if (firstToken != null) {
      cli.out().println("Open " + server.url() + "/#token=" + firstToken);
      cli.out().println("(a new write token named 'first': it is shown only this once)");
    } else {
      cli.out().println("(tokens are in " + tokens.file() + ", hashed; make a new one with: grove token add --data "
          + ShellWords.quote(dataDir.toString()) + " --name NAME --scope write)");
    }
    cli.out().flush();
    boolean interrupted = false;
    try {
      stopped.await(); // until SIGTERM / Ctrl-C (the hook) or an interrupt
    } catch (InterruptedException e) {
      interrupted = true; // cleared, so that the graceful stop below can wait
    }
    if (stopped.getCount() > 0) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  /** {@code 1048576}, {@code 64k}, {@code 256M}, {@code 1G} (also with {@code B} or {@code iB}): binary multiples. */
  private long parseSize(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("ib")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    int shift = 0;
    if (!s.isEmpty() && "kmg".indexOf(s.charAt(s.length() - 1)) >= 0) {
      shift = 10 * ("kmg".indexOf(s.charAt(s.length() - 1)) + 1);
      s = s.substring(0, s.length() - 1);
    }
    try {
      long n = Long.parseLong(s);
      if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(), "invalid --max-body '" + text
          + "': a positive number of bytes, or with k, M or G (such as 256M)");
    }
  }
}
