package dev.leakproof.sql.warehouse.snowflake;

import java.net.URI;
import java.util.Objects;

/**
 * The Snowflake external stage over the lake's object-store location: Snowflake reads the lake's
 * Parquet data files from it, where the Flink jobs wrote them (nothing is copied out of the lake).
 *
 * @param name the stage, schema-qualified ({@code RAW.LEAKPROOF_LAKE})
 * @param url the lake's warehouse location the stage points at, ending in {@code /}
 *     ({@code s3://bucket/lake/})
 * @param storageIntegration the storage integration the stage is created with when it does not
 *     exist yet, or null when an administrator created the stage
 */
public record LakeStage(String name, String url, String storageIntegration) {

  private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_$]*";

  public LakeStage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    if (!name.matches(IDENTIFIER + "\\." + IDENTIFIER)) {
      throw new IllegalArgumentException("Invalid Snowflake stage name: " + name + " (SCHEMA.STAGE, unquoted)");
    }
    if (!url.matches("(s3|gcs|azure)://[^'\\s]+/")) {
      throw new IllegalArgumentException("Invalid lake stage URL: " + url
          + " (s3://bucket/prefix/, gcs://... or azure://..., ending in /)");
    }
    if (storageIntegration != null && !storageIntegration.matches(IDENTIFIER)) {
      throw new IllegalArgumentException("Invalid Snowflake storage integration: " + storageIntegration);
    }
  }

  /** The stage over {@code warehouse} (the lake's location; a trailing / is added), named {@code name}. */
  public static LakeStage of(String name, String warehouse, String storageIntegration) {
    String url = warehouse.replaceFirst("^s3[an]://", "s3://");
    return new LakeStage(name, url.endsWith("/") ? url : url + "/", storageIntegration);
  }

  /**
   * The stage reference of a data file of the lake: {@code @RAW.LEAKPROOF_LAKE/db/table/data/f.parquet}.
   *
   * @throws IllegalArgumentException if the file is not under the stage's URL, or its path has
   *     characters a stage path cannot hold unquoted
   */
  public String reference(String location) {
    String normal = location.replaceFirst("^s3[an]://", "s3://");
    if (!normal.startsWith(url)) {
      throw new IllegalArgumentException("Cannot load " + location + " through stage " + name + ": it is not under "
          + url);
    }
    String path = normal.substring(url.length());
    if (!path.matches("[A-Za-z0-9_./=-]+") || path.contains("..") || URI.create(normal).getPath() == null) {
      throw new IllegalArgumentException("Cannot load " + location + " through stage " + name
          + ": its path has characters a stage path cannot hold");
    }
    return "@" + name + "/" + path;
  }
}
