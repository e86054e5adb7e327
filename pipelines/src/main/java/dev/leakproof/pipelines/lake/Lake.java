package dev.leakproof.pipelines.lake;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The Iceberg lake: a Hadoop catalog on a local folder, or a shared catalog (Iceberg REST or JDBC)
 * over a warehouse on S3-compatible object storage ({@link LakeConfig}). Readers get a table's
 * data files through Iceberg's scan planning, never a directory listing, so files of an
 * uncommitted or failed write are never read.
 */
public final class Lake {

  private static final String CATALOG = "leakproof_lake";
  private static final String REST_CATALOG = "org.apache.iceberg.rest.RESTCatalog";
  private static final String JDBC_CATALOG = "org.apache.iceberg.jdbc.JdbcCatalog";

  private final LakeConfig config;

  /** The lake in a local folder, on a Hadoop catalog. */
  public Lake(Path warehouseDir) {
    this(LakeConfig.folder(warehouseDir));
  }

  public Lake(LakeConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  public LakeConfig config() {
    return config;
  }

  /**
   * Where the lake's tables are: its warehouse location (a folder's file: URI, or s3://...). For a
   * REST catalog without {@code LEAKPROOF_LAKE_WAREHOUSE}, the server's warehouse, read off a table
   * it placed ({@code WAREHOUSE/leakproof/usage_events}).
   */
  public String location() {
    if (!config.onObjectStorage()) {
      return config.localFolder().toUri().toString();
    }
    if (config.warehouse() != null) {
      return config.warehouse();
    }
    String table = load(LakeTable.USAGE_EVENTS).location();
    String namespace = table.substring(0, table.lastIndexOf('/'));
    return namespace.substring(0, namespace.lastIndexOf('/'));
  }

  /** A serializable loader of the catalog, for Flink operators. */
  public CatalogLoader catalogLoader() {
    return switch (config.catalog()) {
      case FOLDER -> CatalogLoader.hadoop(CATALOG, hadoopConf(),
          Map.of(CatalogProperties.WAREHOUSE_LOCATION, config.localFolder().toUri().toString()));
      case REST -> CatalogLoader.custom(CATALOG, config.catalogProperties(), hadoopConf(), REST_CATALOG);
      case JDBC -> CatalogLoader.custom(CATALOG, config.catalogProperties(), hadoopConf(), JDBC_CATALOG);
    };
  }

  /** Hadoop settings of the lake: local paths go through {@link NioLocalFileSystem}. */
  static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", NioLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  public TableLoader tableLoader(LakeTable table) {
    return TableLoader.fromCatalog(catalogLoader(), table.identifier());
  }

  /** Drops the table with its files if it exists and creates it empty. */
  public Table recreate(LakeTable table) {
    Catalog catalog = catalogLoader().loadCatalog();
    if (catalog.tableExists(table.identifier())) {
      catalog.dropTable(table.identifier(), true);
    }
    return catalog.createTable(table.identifier(), table.schema(), table.partitionSpec(),
        Map.of(TableProperties.FORMAT_VERSION, "2",
            TableProperties.PARQUET_COMPRESSION, "zstd",
            // small dictionaries: ids and sequences are unique, and filling a 2 MB dictionary before
            // falling back to plain encoding cost more than the encoding itself
            TableProperties.PARQUET_DICT_SIZE_BYTES, String.valueOf(64 * 1024)));
  }

  /**
   * Creates the table if it does not exist yet, else adds the optional columns a newer Leakproof
   * declares that it lacks (schema evolution: existing rows read them as null). Appends go to the
   * existing table: a lasting lake is never recreated.
   */
  public Table ensure(LakeTable table) {
    Catalog catalog = catalogLoader().loadCatalog();
    if (!catalog.tableExists(table.identifier())) {
      return recreate(table);
    }
    Table t = catalog.loadTable(table.identifier());
    org.apache.iceberg.UpdateSchema update = null;
    for (org.apache.iceberg.types.Types.NestedField field : table.schema().columns()) {
      if (t.schema().findField(field.name()) == null) {
        if (field.isRequired()) {
          throw new IllegalStateException("Cannot evolve " + table.tableName() + ": required column " + field.name()
              + " is missing from the existing table");
        }
        update = update == null ? t.updateSchema() : update;
        update.addColumn(field.name(), field.type(), field.doc());
      }
    }
    if (update != null) {
      update.commit();
      t.refresh();
    }
    return t;
  }

  /** Ensures every Leakproof table exists with the current columns. */
  public void ensureAll() {
    for (LakeTable table : LakeTable.values()) {
      ensure(table);
    }
  }

  public Table load(LakeTable table) {
    return catalogLoader().loadCatalog().loadTable(table.identifier());
  }

  /**
   * The data files of the table's current snapshot, from Iceberg's scan planning, as local paths
   * for DuckDB. On object storage each file is first copied once through the table's FileIO into
   * the local cache ({@link #readablePath}): DuckDB here has no httpfs extension to read
   * {@code s3://} itself.
   *
   * @throws IllegalStateException if the snapshot has delete files: Leakproof's tables are
   *     append-only, and a reader of bare data files would miss the deletes
   */
  public List<String> dataFiles(LakeTable table) {
    Table t = load(table);
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = t.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new IllegalStateException("Cannot read " + table.tableName() + " as plain files: it has delete files");
        }
        files.add(readablePath(t, task.file().location()));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return files;
  }

  /**
   * Local paths holding {@code files} (as {@link LakeSnapshots} lists them) of {@code table}, for
   * DuckDB: the files themselves in a folder lake, local copies on object storage
   * ({@link #readablePath}).
   */
  public List<String> readablePaths(LakeTable table, List<String> files) {
    if (!config.onObjectStorage() || files.isEmpty()) {
      return files;
    }
    Table t = load(table);
    List<String> out = new ArrayList<>(files.size());
    for (String f : files) {
      out.add(readablePath(t, f));
    }
    return out;
  }

  /**
   * A local path holding the data file at {@code location} of table {@code t}: the file itself in
   * a folder lake; on object storage a copy in {@link LakeConfig#localFolder()}, made once
   * through the table's FileIO (Iceberg data files are immutable, so a copy kept under its
   * location's path stays valid; it is written under a temporary name and renamed).
   *
   * @throws java.io.UncheckedIOException if the copy fails
   */
  public String readablePath(Table t, String location) {
    if (location.startsWith("file:")) {
      return Path.of(java.net.URI.create(location)).toString();
    }
    if (!config.onObjectStorage() || location.startsWith("/")) {
      return location;
    }
    return LakeFileCache.cached(config.localFolder(), t.io(), location).toString();
  }
}
