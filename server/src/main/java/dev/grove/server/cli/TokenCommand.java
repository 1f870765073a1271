package dev.grove.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "token",
    header = "Manage the access tokens of a server's data directory.",
    description = "A server stores only a hash of each token (DATA/.grove/tokens); a token is shown once, when it is made. A read token reads every repository; a write token also pushes. A running server sees new tokens at once.",
    footerHeading = "%nExample:%n",
    footer = "  grove token add --data grove-data --name laptop --scope write")
final class TokenCommand implements Callable<Integer>, StorelessCommand {
  @Spec
  CommandSpec spec;

  @Override
  public String whyNoRepo() {
    return "tokens belong to a server's --data DIR";
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "a command is needed (grove token add)");
  }
}
