package dev.leakproof.connectors.stripe.emulator;

/** A finished API response: what is sent, and what an idempotency key replays. */
record Response(int status, byte[] body) {

  static Response ok(Object json) {
    return new Response(200, HttpIo.json(json));
  }

  static Response accepted(Object json) {
    return new Response(202, HttpIo.json(json));
  }
}
