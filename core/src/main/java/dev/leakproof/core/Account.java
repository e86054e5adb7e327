package dev.leakproof.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A customer account in the CRM.
 *
 * @param lastCsmContactDate null when the CSM never recorded a contact
 */
public record Account(
    String accountId,
    String accountName,
    Segment segment,
    String csmEmail,
    CrmHealth crmHealth,
    LocalDate lastCsmContactDate) {

  public Account {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(crmHealth, "crmHealth");
  }
}
