package dev.leakproof.sql.warehouse.snowflake;

import dev.leakproof.sql.profile.ProfileLocator;
import dev.leakproof.sql.profile.ProfileTarget;
import dev.leakproof.sql.profile.Profiles;
import dev.leakproof.sql.profile.SnowflakeTarget;
import dev.leakproof.sql.profile.Warehouses;
import dev.leakproof.sql.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Opens the {@code probe} output of a project's profiles.yml with the real Snowflake driver and
 * prints how it failed: run only by {@link SnowflakeDriverNetworkTest}, inside {@code unshare -n}.
 * It refuses to run outside a loopback-only network namespace or against any host but 127.0.0.1.
 */
public final class ConnectProbe {

  private ConnectProbe() {}

  private static final class ProbeNetwork {
    static boolean notLoopback(NetworkInterface nic) {
      try {
        return !nic.isLoopback();
      } catch (SocketException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static void main(String[] args) throws IOException {
    // Asks the kernel (not /sys, which shows the mount namespace's view) for this JVM's interfaces.
    List<String> interfaces = NetworkInterface.networkInterfaces()
        .filter(ProbeNetwork::notLoopback).map(NetworkInterface::getName).sorted().toList();
    if (!interfaces.isEmpty()) {
      System.out.println("REFUSED non-loopback network interfaces " + interfaces + ": run me inside unshare -n");
      System.exit(3);
    }
    Path project = Path.of(args[0]);
    Path file = ProfileLocator.find(project, System::getenv, project.resolve("home"));
    ProfileTarget target = Profiles.load(file, "leakproof", "probe", System::getenv);
    if (!(target instanceof SnowflakeTarget snowflake) || !"127.0.0.1".equals(snowflake.host())) {
      System.out.println("REFUSED target " + target + ": only a Snowflake output on 127.0.0.1");
      System.exit(3);
      return;
    }
    System.out.println("TARGET " + target);
    long start = System.nanoTime();
    try (Warehouse w = Warehouses.open(target, project)) {
      System.out.println("CONNECTED to " + w.target());
      System.exit(2);
    } catch (SQLException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("FAILED class=" + e.getClass().getName() + " sqlstate=" + e.getSQLState()
          + " code=" + e.getErrorCode() + " millis=" + millis + " message=" + e.getMessage());
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        System.out.println("CAUSE " + c.getClass().getName() + ": " + c.getMessage());
      }
      System.exit(0);
    } catch (RuntimeException e) {
      System.out.println("ERROR " + e.getClass().getName() + ": " + e.getMessage());
      System.exit(1);
    }
  }
}
