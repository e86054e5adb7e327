package dev.leakproof.cli.stream;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM for long-running commands, handled without starting the JVM's
 * shutdown, so the command can stop its job cleanly first (a savepoint, a last commit). The first
 * signal asks for a clean stop; a second one asks to stop at once.
 */
public final class Signals {

  private final CountDownLatch first = new CountDownLatch(1);
  private final AtomicInteger count = new AtomicInteger();

  private Signals() {}

  /** Installs the handlers for INT and TERM. */
  public static Signals install() {
    Signals s = new Signals();
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), sig -> {
        if (s.count.incrementAndGet() > 1) {
          System.err.println("leakproof: stopping at once");
          Runtime.getRuntime().halt(130);
        }
        s.first.countDown();
      });
    }
    return s;
  }

  /** Waits up to {@code millis} for a stop signal; true once one came. */
  public boolean awaitStop(long millis) throws InterruptedException {
    return first.await(millis, TimeUnit.MILLISECONDS);
  }

  public boolean stopRequested() {
    return first.getCount() == 0;
  }
}
