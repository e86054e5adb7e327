package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The emulated org's objects and fields; immutable, so tests derive variants with
 * {@link #withObject} and {@link #withField}.
 *
 * <p>{@link #leakproof()} is the org the Leakproof sync writes to:
 *
 * <pre>
 * Account (001)      Name string(255) required
 *                    Leakproof_Id__c string(64) unique external id
 *                    Seats_Active__c, Seats_Licensed__c, Usage_28d__c, Health_Score__c double(18,2)
 *                    Seat_Utilisation__c, Usage_Trend_Pct__c percent(8,2)
 *                    Expansion_ARR__c, Open_Leakage__c, At_Risk_ARR__c, Renewal_Amount__c currency(18,2)
 *                    Expansion_Signal__c picklist [none, watch, expand]
 *                    Renewal_Risk__c picklist [low, medium, high]
 *                    Renewal_Date__c date, Leakproof_Synced_At__c datetime
 *                    Usage_Utilisation__c percent(8,2), Last_Usage_Threshold__c string(255),
 *                    Last_Usage_Threshold_At__c datetime, Leakage_Risk__c percent(4,1)
 * Opportunity (006)  Name string(120) required, StageName picklist [Prospecting, Qualification,
 *                    Proposal, Closed Won, Closed Lost] required, CloseDate date required,
 *                    Amount currency(18,2), Type string(40), AccountId reference(Account),
 *                    Description textarea(32000), Leakproof_Key__c string(80) unique external id,
 *                    Renewal_Status__c picklist [On Track, At Risk]
 * </pre>
 *
 * Every object also has {@code Id}, {@code CreatedDate} and {@code LastModifiedDate}.
 */
public record Schema(List<SObjectType> objects) {

  public Schema {
    Set<String> names = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    for (SObjectType o : objects) {
      if (!names.add(o.name().toLowerCase(Locale.ROOT)) || !prefixes.add(o.keyPrefix())) {
        throw new IllegalArgumentException("Invalid schema: object " + o.name() + " or key prefix " + o.keyPrefix() + " declared twice");
      }
    }
    objects = List.copyOf(objects);
    for (SObjectType o : objects) {
      for (FieldDef f : o.fields()) {
        for (String target : f.referenceTo()) {
          if (names.stream().noneMatch(target::equalsIgnoreCase)) {
            throw new IllegalArgumentException("Invalid reference " + o.name() + "." + f.name() + ": unknown object " + target);
          }
        }
      }
    }
  }

  /** The Account and Opportunity objects of the Leakproof managed package (see the class comment). */
  public static Schema leakproof() {
    SObjectType account = new SObjectType("Account", "Account", "001", List.of(
        FieldDef.string("Name", 255).required().withLabel("Account Name"),
        FieldDef.string("Leakproof_Id__c", 64).asExternalId().withLabel("Leakproof Id"),
        FieldDef.number("Seats_Active__c", FieldType.DOUBLE, 18, 2),
        FieldDef.number("Seats_Licensed__c", FieldType.DOUBLE, 18, 2),
        FieldDef.number("Seat_Utilisation__c", FieldType.PERCENT, 8, 2),
        FieldDef.number("Usage_28d__c", FieldType.DOUBLE, 18, 2),
        FieldDef.number("Usage_Trend_Pct__c", FieldType.PERCENT, 8, 2),
        FieldDef.picklist("Expansion_Signal__c", "none", "watch", "expand"),
        FieldDef.number("Expansion_ARR__c", FieldType.CURRENCY, 18, 2),
        FieldDef.number("Open_Leakage__c", FieldType.CURRENCY, 18, 2),
        FieldDef.number("At_Risk_ARR__c", FieldType.CURRENCY, 18, 2),
        FieldDef.of("Renewal_Date__c", FieldType.DATE),
        FieldDef.number("Renewal_Amount__c", FieldType.CURRENCY, 18, 2),
        FieldDef.picklist("Renewal_Risk__c", "low", "medium", "high"),
        FieldDef.number("Health_Score__c", FieldType.DOUBLE, 18, 2),
        FieldDef.number("Usage_Utilisation__c", FieldType.PERCENT, 8, 2),
        FieldDef.string("Last_Usage_Threshold__c", 255),
        FieldDef.of("Last_Usage_Threshold_At__c", FieldType.DATETIME),
        FieldDef.number("Leakage_Risk__c", FieldType.PERCENT, 4, 1),
        FieldDef.of("Leakproof_Synced_At__c", FieldType.DATETIME)));
    SObjectType opportunity = new SObjectType("Opportunity", "Opportunity", "006", List.of(
        FieldDef.string("Name", 120).required(),
        FieldDef.picklist("StageName", "Prospecting", "Qualification", "Proposal", "Closed Won", "Closed Lost")
            .required().withLabel("Stage"),
        FieldDef.of("CloseDate", FieldType.DATE).required().withLabel("Close Date"),
        FieldDef.number("Amount", FieldType.CURRENCY, 18, 2),
        FieldDef.string("Type", 40),
        FieldDef.reference("AccountId", "Account").withLabel("Account ID"),
        FieldDef.textarea("Description", 32000),
        FieldDef.string("Leakproof_Key__c", 80).asExternalId().withLabel("Leakproof Key"),
        FieldDef.picklist("Renewal_Status__c", "On Track", "At Risk").withLabel("Renewal Status")));
    return new Schema(List.of(account, opportunity));
  }

  /** The object named {@code name}, ignoring case. */
  public Optional<SObjectType> object(String name) {
    return objects.stream().filter(o -> o.name().equalsIgnoreCase(name)).findFirst();
  }

  /** This schema with {@code object} added, or replacing the object of the same name. */
  public Schema withObject(SObjectType object) {
    List<SObjectType> next = new ArrayList<>(objects);
    int at = indexOf(object.name());
    if (at >= 0) {
      next.set(at, object);
    } else {
      next.add(object);
    }
    return new Schema(next);
  }

  /** This schema with {@code field} added to (or replaced on) the existing object {@code objectName}. */
  public Schema withField(String objectName, FieldDef field) {
    SObjectType o = object(objectName).orElseThrow(
        () -> new IllegalArgumentException("Cannot add field " + field.name() + ": unknown object " + objectName));
    return withObject(o.withField(field));
  }

  private int indexOf(String name) {
    for (int i = 0; i < objects.size(); i++) {
      if (objects.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
