/**
 * The EarlyBird notification event contract: one past-tense record per domain event that
 * can lead to a WhatsApp message, the {@link in.earlybird.events.Customer} who receives
 * it, and the CloudEvents envelope that carries it over Kafka.
 *
 * <p>
 * Plain Java with no framework: upstream teams depend on this module (or on the JSON
 * Schemas and AsyncAPI document under {@code schemas/}) to publish events correctly.
 */
@NullMarked
package in.earlybird.events;

import org.jspecify.annotations.NullMarked;
