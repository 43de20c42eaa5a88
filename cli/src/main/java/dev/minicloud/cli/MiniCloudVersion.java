package dev.minicloud.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code minicloud --version}, from the jar manifest when packaged. */
public final class MiniCloudVersion implements IVersionProvider {

  public static String current() {
    String v = MiniCloudVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"MiniCloud " + current()};
  }
}
