package dev.grove.server.cli;

import dev.grove.server.client.Remotes;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "remote", sortOptions = false,
    header = "List or add remotes.",
    description = {
        "Without a command, lists the store's remotes in name order, one per line: the name and the repository's URL.",
        "A remote names a repository on a grove server, http://HOST:PORT/repos/NAME; clone records 'origin', which pull, push, sync and watch use by default. Remotes are kept in the store's directory, in the file " + Remotes.FILE + "."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove remote",
        "  grove remote add origin http://127.0.0.1:7070/repos/notes",
        "  grove remote add backup https://example.com/repos/notes"})
final class RemoteCommand implements Callable<Integer> {
  private final Cli cli;

  RemoteCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    cli.openRepository().close();
    SortedMap<String, String> remotes = Remotes.of(cli.repoDir()).all();
    int width = 0;
    for (String name : remotes.keySet()) {
      width = Math.max(width, name.length());
    }
    for (Map.Entry<String, String> remote : remotes.entrySet()) {
      String name = remote.getKey();
      cli.out().println(name + " ".repeat(width - name.length() + 2) + remote.getValue());
    }
    return ExitCodes.OK;
  }
}
