package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** sObject metadata: {@code GET /sobjects} (global describe) and {@code GET /sobjects/<Object>/describe}. */
final class DescribeApi {

  private final Schema schema;

  DescribeApi(Schema schema) {
    this.schema = schema;
  }

  Map<String, Object> global(String version) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (SObjectType o : schema.objects()) {
      Map<String, Object> m = summary(o);
      m.put("urls", Map.of(
          "sobject", "/services/data/v" + version + "/sobjects/" + o.name(),
          "describe", "/services/data/v" + version + "/sobjects/" + o.name() + "/describe"));
      objects.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("encoding", "UTF-8");
    body.put("maxBatchSize", 200);
    body.put("sobjects", objects);
    return body;
  }

  Map<String, Object> describe(String objectName) {
    SObjectType o = schema.object(objectName)
        .orElseThrow(() -> ApiException.notFound("The requested resource does not exist"));
    Map<String, Object> body = summary(o);
    List<Map<String, Object>> fields = new ArrayList<>();
    o.fields().forEach(f -> fields.add(field(f)));
    body.put("fields", fields);
    return body;
  }

  private static Map<String, Object> summary(SObjectType o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", o.name());
    m.put("label", o.label());
    m.put("keyPrefix", o.keyPrefix());
    m.put("custom", o.name().endsWith("__c"));
    m.put("createable", true);
    m.put("updateable", true);
    m.put("deletable", true);
    m.put("queryable", true);
    return m;
  }

  private static Map<String, Object> field(FieldDef f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    m.put("label", f.label());
    m.put("type", f.type().apiName());
    m.put("length", f.type().isNumeric() ? 0 : f.length());
    m.put("precision", f.precision());
    m.put("scale", f.scale());
    m.put("digits", 0);
    m.put("nillable", f.nillable());
    m.put("createable", f.createable());
    m.put("updateable", f.updateable());
    m.put("externalId", f.externalId());
    m.put("unique", f.unique());
    m.put("idLookup", f.externalId() || f.name().equals("Id"));
    m.put("custom", f.name().endsWith("__c"));
    m.put("defaultedOnCreate", !f.createable() || f.type() == FieldType.BOOLEAN);
    m.put("restrictedPicklist", f.type() == FieldType.PICKLIST);
    List<Map<String, Object>> values = new ArrayList<>();
    for (String v : f.picklistValues()) {
      Map<String, Object> pv = new LinkedHashMap<>();
      pv.put("value", v);
      pv.put("label", v);
      pv.put("active", true);
      pv.put("defaultValue", false);
      values.add(pv);
    }
    m.put("picklistValues", values);
    m.put("referenceTo", f.referenceTo());
    m.put("relationshipName", f.relationshipName());
    return m;
  }
}
