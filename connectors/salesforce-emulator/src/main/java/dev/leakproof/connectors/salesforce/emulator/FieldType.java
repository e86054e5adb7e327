package dev.leakproof.connectors.salesforce.emulator;

import java.util.Locale;

/**
 * The Salesforce field types the emulator validates, named in describe output by {@link #apiName()}
 * ({@code string}, {@code double}, {@code picklist}, ...).
 */
public enum FieldType {
  ID,
  STRING,
  TEXTAREA,
  DOUBLE,
  CURRENCY,
  PERCENT,
  INT,
  BOOLEAN,
  DATE,
  DATETIME,
  PICKLIST,
  REFERENCE;

  /** The type's name as Salesforce's describe returns it. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean isText() {
    return this == STRING || this == TEXTAREA || this == PICKLIST;
  }

  boolean isDecimal() {
    return this == DOUBLE || this == CURRENCY || this == PERCENT;
  }

  boolean isNumeric() {
    return isDecimal() || this == INT;
  }
}
