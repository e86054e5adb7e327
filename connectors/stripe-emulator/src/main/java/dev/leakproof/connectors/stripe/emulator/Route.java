package dev.leakproof.connectors.stripe.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One endpoint: method, path template (one optional {@code {id}} segment), the credential it needs,
 * the rate limit it counts against, and its handler.
 */
record Route(String method, String[] segments, Auth auth, RateLimiter.Bucket bucket, Handler handler) {

  /** The credential an endpoint accepts. */
  enum Auth {
    SECRET_KEY,
    SESSION_TOKEN
  }

  /** Executes a request that passed authentication, rate limits and faults. */
  @FunctionalInterface
  interface Handler {
    Response handle(Request request);
  }

  static Route of(String method, String template, Auth auth, RateLimiter.Bucket bucket, Handler handler) {
    return new Route(method, template.substring(1).split("/"), auth, bucket, handler);
  }

  /** The route for this method and path (setting the request's path id), or null. */
  static Route match(List<Route> routes, Request request) {
    String[] parts = request.path().substring(1).split("/", -1);
    for (Route r : routes) {
      if (!r.method().equals(request.method()) || r.segments().length != parts.length) {
        continue;
      }
      String id = null;
      boolean ok = true;
      for (int i = 0; i < parts.length && ok; i++) {
        if (r.segments()[i].equals("{id}")) {
          id = parts[i];
          ok = !id.isEmpty();
        } else {
          ok = r.segments()[i].equals(parts[i]);
        }
      }
      if (ok) {
        request.pathId(id == null ? null : URLDecoder.decode(id, StandardCharsets.UTF_8));
        return r;
      }
    }
    return null;
  }
}
