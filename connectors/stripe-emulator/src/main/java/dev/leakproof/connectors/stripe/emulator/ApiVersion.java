package dev.leakproof.connectors.stripe.emulator;

/** Stripe's two API generations: v1 (form bodies, unix-second timestamps) and v2 (JSON, RFC 3339). */
enum ApiVersion {
  V1,
  V2;

  static ApiVersion of(String path) {
    return path.startsWith("/v2/") ? V2 : V1;
  }
}
