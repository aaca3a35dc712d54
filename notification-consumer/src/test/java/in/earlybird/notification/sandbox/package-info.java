/**
 * A local, strict stand-in for MyOperator's WhatsApp API, for the developer stack and the
 * tests: it refuses every request that strays from what {@code MYOPERATOR.md} documents,
 * records what it accepted, and fails on demand.
 */
@NullMarked
package in.earlybird.notification.sandbox;

import org.jspecify.annotations.NullMarked;
