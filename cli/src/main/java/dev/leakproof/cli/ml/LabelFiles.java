package dev.leakproof.cli.ml;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.schemas.csv.CsvReader;
import dev.leakproof.schemas.csv.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's labels (shape_labels.csv in the labels folder it writes beside a dataset, never
 * inside it): which contract-months carry which leak shape. Only evaluation and training read them.
 */
final class LabelFiles {

  static final String SHAPE_LABELS = "shape_labels.csv";

  private LabelFiles() {}

  /** contract_id|YYYY-MM → shape, from the labels folder; empty when the folder has no labels file. */
  static Map<String, String> shapes(Path labelsDir) throws IOException, UsageException {
    Path file = labelsDir.resolve(SHAPE_LABELS);
    Map<String, String> out = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r)) {
      CsvRecord header = csv.next();
      if (header == null) {
        return out;
      }
      List<String> h = header.fields();
      int contract = column(file, h, "contract_id");
      int month = column(file, h, "month");
      int shape = column(file, h, "shape");
      for (CsvRecord rec = csv.next(); rec != null; rec = csv.next()) {
        List<String> f = rec.fields();
        if (!rec.wellFormed() || f.size() < h.size()) {
          throw new UsageException(file + " line " + rec.lineNo() + ": not a label row: " + rec.raw());
        }
        try {
          out.put(f.get(contract) + "|" + YearMonth.parse(f.get(month)), f.get(shape));
        } catch (DateTimeParseException e) {
          throw new UsageException(file + " line " + rec.lineNo() + ": invalid month " + f.get(month)
              + " (expected YYYY-MM)");
        }
      }
    }
    return out;
  }

  private static int column(Path file, List<String> header, String name) throws UsageException {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new UsageException(file + " line 1: missing column " + name);
    }
    return i;
  }
}
