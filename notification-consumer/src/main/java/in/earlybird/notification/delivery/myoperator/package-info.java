/**
 * The MyOperator WhatsApp API client: one request shape, one classifier that turns every
 * response or network failure into a {@link SendResult}, and the configuration that
 * builds the HTTP stack.
 *
 * <p>
 * What is only "field" knowledge or a guess about MyOperator (see {@code MYOPERATOR.md})
 * lives in one named constant or method each, in {@link ProviderResponseClassifier},
 * {@link ApprovedTemplateParser} and {@link MessageStatus}.
 *
 * <p>
 * Exposed to other features as the {@code myoperator} named interface: the webhook
 * receiver reads MyOperator's status names and error codes from here, so that provider
 * knowledge stays in one place.
 */
@NullMarked
@NamedInterface("myoperator")
package in.earlybird.notification.delivery.myoperator;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.NamedInterface;
