package dev.grove.server.cli;

import dev.grove.server.client.Remotes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add",
    header = "Add a remote.",
    description = "Names the repository at URL (http://HOST:PORT/repos/NAME) NAME for pull, push, sync and watch. A name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or a digit; a URL carries no token (give it with --token or GROVE_TOKEN).",
    footerHeading = "%nExample:%n",
    footer = "  grove remote add origin http://127.0.0.1:7070/repos/notes")
final class RemoteAddCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "NAME", description = "The remote's name, e.g. origin.")
  String name;

  @Parameters(index = "1", paramLabel = "URL", description = "The repository's URL.")
  String url;

  RemoteAddCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Remotes.checkName(name);
    Remotes.checkUrl(url);
    cli.openRepository().close();
    String stored = Remotes.of(cli.repoDir()).add(name, url);
    cli.out().println("added remote " + name + " " + stored);
    return ExitCodes.OK;
  }
}
