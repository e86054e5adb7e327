package dev.leakproof.connectors.stripe;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * One thing to do in Stripe for a usage row, with everything needed to do it again identically
 * (a resumed run replays the actions it journaled): every action is idempotent by its meter event
 * identifier or its invoice item key.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = UsageAction.SendEvent.class, name = "event"),
    @JsonSubTypes.Type(value = UsageAction.CancelEvent.class, name = "cancel"),
    @JsonSubTypes.Type(value = UsageAction.CreateItem.class, name = "item")})
public sealed interface UsageAction {

  /** Records {@code value} units on the meter for the customer, at the start of the usage day. */
  record SendEvent(String eventName, String customerId, String identifier, long value, Instant timestamp)
      implements UsageAction {}

  /** Cancels an event sent less than 24 hours ago. */
  record CancelEvent(String eventName, String identifier, long value) implements UsageAction {}

  /**
   * Bills (or credits, negative) units outside the meter, as an invoice item at the contract's
   * overage price; {@code key} is its metadata key and the root of its Idempotency-Key.
   */
  record CreateItem(String customerId, String key, long quantity, long amountMinor, String currency,
      String description, Instant periodStart, Instant periodEnd) implements UsageAction {}
}
