/**
 * Small helpers every feature uses and that depend on no feature: masking text before it
 * is logged or stored, and the JSON settings of the event contract.
 */
@NullMarked
package in.earlybird.notification.shared;

import org.jspecify.annotations.NullMarked;
