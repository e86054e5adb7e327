package dev.leakproof.connectors.sync;

import java.util.Locale;

/** How a sync writes: Hightouch's and Census's modes. */
public enum SyncMode {
  /** Create or update by the external id. */
  UPSERT,
  /** Update records the sync knows the destination id of; never create. */
  UPDATE,
  /** Create records; each key is sent once. */
  INSERT,
  /** Upsert, and delete records this sync created whose key left the model. */
  MIRROR;

  public static SyncMode parse(String text, String file) {
    for (SyncMode m : values()) {
      if (m.name().equalsIgnoreCase(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException("Invalid mode: " + text + " (" + file + "; upsert, update, insert or mirror)");
  }

  /** Whether sending a record twice leaves the destination as sending it once (keyed writes). */
  public boolean idempotent() {
    return this != INSERT;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
