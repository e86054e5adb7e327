package dev.leakproof.connectors.salesforce.emulator;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One field of an emulated sObject with the describe metadata that drives row validation: type,
 * length or precision/scale, whether it may be null, created, updated, and whether it is a (unique)
 * external id. Build fields with the static factories and the {@code required()} /
 * {@code asExternalId()} / {@code readOnly()} modifiers.
 *
 * @param relationshipName for reference fields, the name used in relationship columns
 *     ({@code Account} for {@code AccountId}, {@code Parent__r} for {@code Parent__c}); else null
 */
public record FieldDef(
    String name,
    String label,
    FieldType type,
    int length,
    int precision,
    int scale,
    boolean nillable,
    boolean createable,
    boolean updateable,
    boolean externalId,
    boolean unique,
    List<String> picklistValues,
    List<String> referenceTo,
    String relationshipName) {

  public FieldDef {
    Objects.requireNonNull(type, "type");
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("Invalid field name: " + name + " (letters, digits and _ only)");
    }
    label = label == null || label.isBlank() ? labelOf(name) : label;
    if (type.isText() && type != FieldType.PICKLIST && length <= 0) {
      throw new IllegalArgumentException("Invalid length of field " + name + ": " + length + " (must be positive)");
    }
    if (type.isNumeric() && (precision <= 0 || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException(
          "Invalid precision/scale of field " + name + ": " + precision + "/" + scale + " (need 0 <= scale <= precision, precision > 0)");
    }
    picklistValues = List.copyOf(picklistValues == null ? List.of() : picklistValues);
    referenceTo = List.copyOf(referenceTo == null ? List.of() : referenceTo);
    if (type == FieldType.PICKLIST && picklistValues.isEmpty()) {
      throw new IllegalArgumentException("Invalid picklist field " + name + ": no values");
    }
    if (type == FieldType.REFERENCE && (referenceTo.isEmpty() || relationshipName == null)) {
      throw new IllegalArgumentException("Invalid reference field " + name + ": needs referenceTo and a relationship name");
    }
  }

  /** The standard 18-character record id. */
  public static FieldDef id() {
    return new FieldDef("Id", "Record ID", FieldType.ID, 18, 0, 0, false, false, false, false, true, null, null, null);
  }

  /** A text field ({@code string}) of at most {@code length} characters. */
  public static FieldDef string(String name, int length) {
    return new FieldDef(name, null, FieldType.STRING, length, 0, 0, true, true, true, false, false, null, null, null);
  }

  /** A long text field ({@code textarea}) of at most {@code length} characters. */
  public static FieldDef textarea(String name, int length) {
    return new FieldDef(name, null, FieldType.TEXTAREA, length, 0, 0, true, true, true, false, false, null, null, null);
  }

  /** A number field of type double, currency, percent or int with precision and scale. */
  public static FieldDef number(String name, FieldType type, int precision, int scale) {
    if (!type.isNumeric()) {
      throw new IllegalArgumentException("Invalid number type of field " + name + ": " + type + " (not numeric)");
    }
    return new FieldDef(name, null, type, 0, precision, scale, true, true, true, false, false, null, null, null);
  }

  /** A field of a type without size: boolean, date or datetime. */
  public static FieldDef of(String name, FieldType type) {
    if (type != FieldType.BOOLEAN && type != FieldType.DATE && type != FieldType.DATETIME) {
      throw new IllegalArgumentException("Invalid plain type of field " + name + ": " + type + " (use string/number/picklist/reference)");
    }
    return new FieldDef(name, null, type, 0, 0, 0, type != FieldType.BOOLEAN, true, true, false, false, null, null, null);
  }

  /** A restricted picklist with the given active values. */
  public static FieldDef picklist(String name, String... values) {
    return new FieldDef(name, null, FieldType.PICKLIST, 255, 0, 0, true, true, true, false, false, Arrays.asList(values), null, null);
  }

  /** A lookup to {@code target}; its relationship name drops a trailing {@code Id} or turns {@code __c} into {@code __r}. */
  public static FieldDef reference(String name, String target) {
    String rel = name.endsWith("__c") ? name.substring(0, name.length() - 3) + "__r"
        : name.endsWith("Id") ? name.substring(0, name.length() - 2) : name;
    return new FieldDef(name, null, FieldType.REFERENCE, 18, 0, 0, true, true, true, false, false, null, List.of(target), rel);
  }

  /** This field with {@code nillable=false}: inserts without a value fail REQUIRED_FIELD_MISSING. */
  public FieldDef required() {
    return new FieldDef(name, label, type, length, precision, scale, false, createable, updateable, externalId, unique, picklistValues, referenceTo, relationshipName);
  }

  /** This field as a unique external id (usable for upsert and relationship columns). */
  public FieldDef asExternalId() {
    return new FieldDef(name, label, type, length, precision, scale, nillable, createable, updateable, true, true, picklistValues, referenceTo, relationshipName);
  }

  /** This field as an external id that is not unique (several records may share a value). */
  public FieldDef asNonUniqueExternalId() {
    return new FieldDef(name, label, type, length, precision, scale, nillable, createable, updateable, true, false, picklistValues, referenceTo, relationshipName);
  }

  /** This field neither createable nor updateable (system fields). */
  public FieldDef readOnly() {
    return new FieldDef(name, label, type, length, precision, scale, nillable, false, false, externalId, unique, picklistValues, referenceTo, relationshipName);
  }

  /** This field with another label (used in error messages and describe). */
  public FieldDef withLabel(String newLabel) {
    return new FieldDef(name, newLabel, type, length, precision, scale, nillable, createable, updateable, externalId, unique, picklistValues, referenceTo, relationshipName);
  }

  /** Whether an insert must carry a value for this field. */
  boolean requiredOnCreate() {
    return !nillable && createable && type != FieldType.BOOLEAN;
  }

  private static String labelOf(String name) {
    String base = name.endsWith("__c") ? name.substring(0, name.length() - 3) : name;
    return base.replace('_', ' ').trim();
  }
}
