package dev.leakproof.connectors.stripe.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * A customer as the emulator holds it.
 *
 * @param metadata unmodifiable, in the order the keys were sent
 */
public record CustomerSnapshot(String id, String name, String email, String description, String phone,
    Map<String, String> metadata, Instant created) {
}
