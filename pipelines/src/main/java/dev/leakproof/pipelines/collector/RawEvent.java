package dev.leakproof.pipelines.collector;

import dev.leakproof.core.EventStream;

/**
 * One event as found in a request body: where its bytes are, the stream its CloudEvents type
 * names (null otherwise), and the CloudEvents envelope's fault if it has one.
 *
 * @param index 0-based place of the event in the request
 * @param offset first byte of the event's text in the body
 * @param length bytes of the event's text
 */
record RawEvent(int index, int offset, int length, EventStream declaredStream, Rejection envelope) {}
