package dev.grove.server.cli;

import dev.grove.server.http.Scope;
import dev.grove.server.http.Tokens;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "add", sortOptions = false,
    header = "Create an access token.",
    description = "Creates a token with a name (for people) and a scope, stores its hash in DATA/.grove/tokens, and prints the token: it is shown only this once.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove token add --name laptop --scope write",
        "  grove token add --data /srv/grove --name dashboard --scope read"})
final class TokenAddCommand implements Callable<Integer>, StorelessCommand {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "grove-data",
      description = "The server's data directory (default: ${DEFAULT-VALUE}).")
  String data;

  @Option(names = "--name", paramLabel = "NAME", required = true,
      description = "A unique name: 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or a digit.")
  String name;

  @Option(names = "--scope", paramLabel = "SCOPE", required = true,
      description = "read (refs, fetch, watch, git clone) or write (also push).")
  String scope;

  TokenAddCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public String whyNoRepo() {
    return "tokens belong to a server's --data DIR";
  }

  @Override
  public Integer call() {
    Scope parsed = Scope.parse(scope).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "unknown scope '" + scope + "': use read or write"));
    String token = Tokens.open(cli.resolve(data)).add(name, parsed);
    cli.out().println(token);
    return ExitCodes.OK;
  }
}
