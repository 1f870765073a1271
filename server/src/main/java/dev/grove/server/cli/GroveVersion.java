package dev.grove.server.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code grove --version}: the version the jar was built as. */
final class GroveVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = GroveVersion.class.getPackage().getImplementationVersion();
    return new String[] {
        "grove " + (version != null ? version : "(development build)"),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
  }
}
