/**
 * The MyOperator WhatsApp API client: one request shape, one classifier that turns every
 * response or network failure into a {@link SendResult}, and the configuration that
 * builds the HTTP stack.
 *
 * <p>
 * What is only "field" knowledge or a guess about MyOperator (see {@code MYOPERATOR.md})
 * lives in one named constant or method each, in {@link ProviderResponseClassifier},
 * {@link ApprovedTemplateParser} and {@link MessageStatus}.
 */
@NullMarked
package in.earlybird.notification.delivery.myoperator;

import org.jspecify.annotations.NullMarked;
