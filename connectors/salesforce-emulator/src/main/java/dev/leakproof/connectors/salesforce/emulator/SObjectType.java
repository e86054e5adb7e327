package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An emulated sObject: its API name, label, 3-character id key prefix and fields. The standard
 * {@code Id} (first) and the read-only audit fields {@code CreatedDate} and {@code LastModifiedDate}
 * (last) are added when missing, as every Salesforce object has them.
 */
public record SObjectType(String name, String label, String keyPrefix, List<FieldDef> fields) {

  static final List<String> SYSTEM_FIELDS = List.of("Id", "CreatedDate", "LastModifiedDate");

  public SObjectType {
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("Invalid sObject name: " + name + " (letters, digits and _ only)");
    }
    if (keyPrefix == null || !keyPrefix.matches("[0-9A-Za-z]{3}")) {
      throw new IllegalArgumentException("Invalid key prefix of " + name + ": " + keyPrefix + " (3 letters or digits)");
    }
    label = label == null || label.isBlank() ? name : label;
    List<FieldDef> all = new ArrayList<>();
    if (fields.stream().noneMatch(f -> f.name().equals("Id"))) {
      all.add(FieldDef.id());
    }
    all.addAll(fields);
    for (String audit : List.of("CreatedDate", "LastModifiedDate")) {
      if (all.stream().noneMatch(f -> f.name().equals(audit))) {
        all.add(FieldDef.of(audit, FieldType.DATETIME).readOnly());
      }
    }
    Set<String> seen = new HashSet<>();
    for (FieldDef f : all) {
      if (!seen.add(f.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("Invalid sObject " + name + ": field " + f.name() + " declared twice");
      }
    }
    fields = List.copyOf(all);
  }

  /** An object with the given fields (Id and audit fields are added). */
  public static SObjectType of(String name, String keyPrefix, FieldDef... fields) {
    return new SObjectType(name, name, keyPrefix, List.of(fields));
  }

  /** The field named {@code fieldName}, ignoring case as Salesforce does. */
  public Optional<FieldDef> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equalsIgnoreCase(fieldName)).findFirst();
  }

  /** The reference field whose relationship name is {@code relationship}, ignoring case. */
  public Optional<FieldDef> relationship(String relationship) {
    return fields.stream()
        .filter(f -> f.relationshipName() != null && f.relationshipName().equalsIgnoreCase(relationship))
        .findFirst();
  }

  /** This object with {@code field} added, or replacing the field of the same name. */
  public SObjectType withField(FieldDef field) {
    List<FieldDef> next = new ArrayList<>(fields);
    next.removeIf(f -> f.name().equalsIgnoreCase(field.name()));
    int auditAt = next.size() - 2;
    next.add(Math.max(1, auditAt), field);
    return new SObjectType(name, label, keyPrefix, next);
  }
}
