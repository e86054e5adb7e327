package dev.leakproof.connectors.api;

/**
 * A reverse-ETL destination (Salesforce, Stripe, ...): built from an immutable, validated
 * configuration, it opens writers for the objects a sync targets.
 */
public interface Destination extends AutoCloseable {

  /** The destination's name in sync files and messages ({@code salesforce}). */
  String name();

  /**
   * Opens a writer for one object.
   *
   * @param object the destination object ({@code Account}, {@code billing.meter_event})
   * @param externalIdField the field that identifies rows across runs, null for inserts
   * @throws DestinationException when the object or field does not exist or cannot be written
   */
  DestinationWriter open(String object, String externalIdField) throws DestinationException;

  @Override
  void close() throws DestinationException;
}
