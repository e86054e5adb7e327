package dev.leakproof.cli;

import picocli.CommandLine;

/** Prints the version of the running build. */
final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String v = Leakproof.class.getPackage().getImplementationVersion();
    return new String[] {"leakproof " + (v == null ? "development build" : v)};
  }
}
