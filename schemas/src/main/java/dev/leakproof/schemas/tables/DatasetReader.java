package dev.leakproof.schemas.tables;

import dev.leakproof.schemas.csv.CsvReader;
import dev.leakproof.schemas.csv.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the six CSV source tables of a dataset folder. Structural faults (a missing
 * file, an unreadable or broken header, a missing column) throw {@link DatasetContractException}
 * before any row is read; a row that can't be used is rejected with its file, line and reason, and
 * the rest of the table is kept.
 */
public final class DatasetReader {

  private final Path dataset;

  public DatasetReader(Path dataset) {
    this.dataset = dataset;
  }

  /** Checks every table's file and header without reading rows. */
  public void checkStructure() throws DatasetContractException, IOException {
    for (SourceTable table : SourceTable.values()) {
      try (CsvReader reader = open(table)) {
        header(table, reader);
      }
    }
  }

  /** Reads every table; references are checked against the rows kept of earlier tables. */
  public SourceData read() throws DatasetContractException, IOException {
    checkStructure();
    Map<SourceTable, TableData> tables = new EnumMap<>(SourceTable.class);
    List<RowRejection> rejections = new ArrayList<>();
    for (SourceTable table : SourceTable.values()) {
      tables.put(table, readTable(table, tables, rejections));
    }
    return new SourceData(tables, rejections);
  }

  private CsvReader open(SourceTable table) throws DatasetContractException, IOException {
    Path file = dataset.resolve(table.fileName());
    if (!Files.isRegularFile(file)) {
      throw new DatasetContractException(table.fileName() + ": missing file (expected in " + dataset + ")");
    }
    Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    return new CsvReader(reader);
  }

  /**
   * Maps each of the table's columns to its position in the file; the last element holds the
   * number of fields the header has, which every row must have too.
   */
  private static int[] header(SourceTable table, CsvReader reader) throws DatasetContractException, IOException {
    String file = table.fileName();
    CsvRecord header;
    try {
      header = reader.next();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new DatasetContractException(file + ": broken header: not UTF-8 text");
    }
    if (header == null) {
      throw new DatasetContractException(file + ": broken header: the file is empty");
    }
    if (!header.wellFormed()) {
      throw new DatasetContractException(file + ": broken header: " + header.error());
    }
    Map<String, Integer> positions = new HashMap<>();
    List<String> names = header.fields();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i) == null ? "" : names.get(i).strip();
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      if (name.isEmpty()) {
        throw new DatasetContractException(file + ": broken header: column " + (i + 1) + " has no name");
      }
      if (positions.putIfAbsent(name, i) != null) {
        throw new DatasetContractException(file + ": broken header: column " + name + " appears twice");
      }
    }
    int[] mapping = new int[table.columns().size() + 1];
    mapping[mapping.length - 1] = names.size();
    for (int c = 0; c < table.columns().size(); c++) {
      Integer position = positions.get(table.columns().get(c).name());
      if (position == null) {
        throw new DatasetContractException(file + ": missing column " + table.columns().get(c).name());
      }
      mapping[c] = position;
    }
    return mapping;
  }

  private TableData readTable(SourceTable table, Map<SourceTable, TableData> earlier,
      List<RowRejection> rejections) throws DatasetContractException, IOException {
    RowValidator validator = new RowValidator(table, references(table, earlier));
    List<Row> rows = new ArrayList<>();
    long read = 0;
    try (CsvReader reader = open(table)) {
      int[] mapping = header(table, reader);
      CsvRecord record;
      while ((record = next(reader, table)) != null) {
        if (record.raw().isEmpty()) {
          continue;
        }
        read++;
        RowValidator.Result result = validator.validate(record, mapping);
        if (result.row() != null) {
          rows.add(result.row());
        } else {
          rejections.add(new RowRejection(table.fileName(), record.lineNo(), result.code(), result.detail(),
              record.raw()));
        }
      }
    }
    return new TableData(table, rows, read);
  }

  private static CsvRecord next(CsvReader reader, SourceTable table) throws DatasetContractException, IOException {
    try {
      return reader.next();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new DatasetContractException(table.fileName() + ": not UTF-8 text");
    }
  }

  /** The keys a table's rows must refer to: contracts for invoices, invoices for their lines. */
  private static Map<String, Set<String>> references(SourceTable table, Map<SourceTable, TableData> earlier) {
    Map<String, Set<String>> refs = new HashMap<>();
    if (table == SourceTable.INVOICES) {
      refs.put("contract_id", keys(earlier.get(SourceTable.CONTRACTS), "contract_id"));
    } else if (table == SourceTable.INVOICE_LINES) {
      refs.put("invoice_id", keys(earlier.get(SourceTable.INVOICES), "invoice_id"));
    }
    return refs;
  }

  private static Set<String> keys(TableData data, String column) {
    int index = data.table().columnIndex(column);
    Set<String> keys = new HashSet<>();
    for (Row row : data.rows()) {
      keys.add((String) row.get(index));
    }
    return keys;
  }
}
