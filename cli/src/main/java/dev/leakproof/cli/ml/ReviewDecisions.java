package dev.leakproof.cli.ml;

import dev.leakproof.schemas.csv.CsvReader;
import dev.leakproof.schemas.csv.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the reviewers' decisions back from a {@code review.csv} written by {@code leakproof review}
 * and filled in: each row with a decision is a label (a finding confirmed or dismissed) for the
 * learned models. Rows with an empty decision are not reviewed yet and are skipped; any other
 * value than {@code confirmed} or {@code dismissed} stops the read, since a typo silently dropped
 * would bias the labels.
 */
public final class ReviewDecisions {

  /** The columns a review file must have, besides others it may carry. */
  static final List<String> REQUIRED = List.of("account_id", "contract_id", "leak_type", "period_start", "period_end",
      "decision");

  /** What the reviewer decided about a flagged contract. */
  public enum Decision {
    CONFIRMED, DISMISSED;

    /** The decision a reviewer wrote (case and surrounding blanks ignored), or null for any other text. */
    static Decision parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "confirmed" -> CONFIRMED;
        case "dismissed" -> DISMISSED;
        default -> null;
      };
    }
  }

  /**
   * One reviewed contract: its findings' leak types (comma-separated when several, as the review
   * lists them) over the months {@code periodStart..periodEnd}.
   */
  public record Label(String accountId, String contractId, String leakType, YearMonth periodStart,
      YearMonth periodEnd, Decision decision) {}

  private ReviewDecisions() {
  }

  /**
   * The labels of a filled-in review file, in file order.
   *
   * @throws IllegalArgumentException in one line naming the file, the line and the value: a missing
   *     column, a decision other than confirmed or dismissed, a missing or malformed period, or a
   *     malformed CSV record
   */
  public static List<Label> read(Path file) throws IOException {
    String name = file.toString();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(r)) {
      CsvRecord header = csv.next();
      if (header == null) {
        throw new IllegalArgumentException("Invalid " + name + ": empty, expected a header with "
            + String.join(",", REQUIRED));
      }
      Map<String, Integer> columns = new HashMap<>();
      for (int i = 0; i < header.fields().size(); i++) {
        String c = header.fields().get(i);
        if (c != null) {
          columns.putIfAbsent(c.replace("\uFEFF", "").strip(), i);
        }
      }
      for (String required : REQUIRED) {
        if (!columns.containsKey(required)) {
          throw new IllegalArgumentException("Invalid " + name + " line 1: missing column " + required);
        }
      }
      List<Label> labels = new ArrayList<>();
      for (CsvRecord rec = csv.next(); rec != null; rec = csv.next()) {
        if (!rec.wellFormed()) {
          throw new IllegalArgumentException("Invalid " + name + " line " + rec.lineNo() + ": " + rec.error());
        }
        String decisionText = field(rec, columns, "decision");
        if (decisionText == null || decisionText.isBlank()) {
          continue;
        }
        Decision decision = Decision.parse(decisionText);
        if (decision == null) {
          throw new IllegalArgumentException("Invalid " + name + " line " + rec.lineNo() + ": decision '"
              + decisionText + "' (confirmed, dismissed or empty)");
        }
        String contract = field(rec, columns, "contract_id");
        if (contract == null || contract.isBlank()) {
          throw new IllegalArgumentException("Invalid " + name + " line " + rec.lineNo() + ": decision '"
              + decisionText + "' on a row with no contract_id");
        }
        YearMonth start = month(name, rec, columns, "period_start", decisionText);
        YearMonth end = month(name, rec, columns, "period_end", decisionText);
        if (end.isBefore(start)) {
          throw new IllegalArgumentException("Invalid " + name + " line " + rec.lineNo() + ": period_end " + end
              + " before period_start " + start);
        }
        labels.add(new Label(field(rec, columns, "account_id"), contract.strip(), field(rec, columns, "leak_type"),
            start, end, decision));
      }
      return List.copyOf(labels);
    }
  }

  private static YearMonth month(String name, CsvRecord rec, Map<String, Integer> columns, String column,
      String decision) {
    String text = field(rec, columns, column);
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("Invalid " + name + " line " + rec.lineNo() + ": decision '" + decision
          + "' on a contract with no " + column + " (only contracts with findings are labels)");
    }
    try {
      return YearMonth.parse(text.strip().length() > 7 ? text.strip().substring(0, 7) : text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid " + name + " line " + rec.lineNo() + ": " + column + " '" + text
          + "' (YYYY-MM)");
    }
  }

  private static String field(CsvRecord rec, Map<String, Integer> columns, String column) {
    int i = columns.get(column);
    return i < rec.fields().size() ? rec.fields().get(i) : null;
  }
}
