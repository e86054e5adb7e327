package dev.leakproof.pipelines.collector;

import java.util.List;

/**
 * The events of one HTTP request to write, in request order.
 *
 * @param requestId the collector's id of the request ({@code lp-request})
 * @param source the API key's source name ({@code lp-source})
 * @param events the events to write (not those rejected as {@code event_too_large})
 */
public record CollectedRequest(String requestId, String source, List<CollectedEvent> events) {

  public CollectedRequest {
    events = List.copyOf(events);
  }
}
