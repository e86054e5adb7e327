package dev.leakproof.connectors.sync.testutils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that moves one second each time it is read, so runs are ordered and repeatable. */
public final class TickingClock extends Clock {
  private Instant now;

  public TickingClock(Instant start) {
    this.now = start;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }

  @Override
  public synchronized Instant instant() {
    now = now.plusSeconds(1);
    return now;
  }
}
