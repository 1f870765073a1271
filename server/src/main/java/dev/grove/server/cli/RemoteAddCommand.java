package dev.grove.server.cli;

import dev.grove.server.client.Remotes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add",
    header = "Add a remote.",
    description = "Names the repository at URL (http://HOST:PORT/repos/NAME, or the directory of another store) NAME for pull, push, sync and watch. A name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or a digit; a URL carries no token (give it with --token or GROVE_TOKEN).",
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove remote add origin http://127.0.0.1:7070/repos/notes",
        "  grove remote add backup /mnt/usb/notes"})
final class RemoteAddCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "NAME", description = "The remote's name, e.g. origin.")
  String name;

  @Parameters(index = "1", paramLabel = "URL", description = "The repository's URL, or a store's directory.")
  String url;

  RemoteAddCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Remotes.checkName(name);
    String location = RemoteLink.location(cli, url);
    cli.openRepository().close();
    String stored = Remotes.of(cli.repoDir()).add(name, location);
    cli.out().println("added remote " + name + " " + stored);
    return ExitCodes.OK;
  }
}
