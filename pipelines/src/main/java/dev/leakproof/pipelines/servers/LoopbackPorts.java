package dev.leakproof.pipelines.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for the local processes Leakproof starts: on 127.0.0.1 only, chosen by the system. */
public final class LoopbackPorts {

  private LoopbackPorts() {}

  /**
   * A port on 127.0.0.1 that was free a moment ago (another process may take it before it is
   * bound again: callers bind it at once).
   *
   * @throws UncheckedIOException if no port can be opened on 127.0.0.1
   */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", e);
    }
  }
}
