/**
 * Small helpers every feature uses and that depend on no feature: masking text before it
 * is logged or stored, India's time zone, the JSON settings of the event contract, and
 * what every security filter chain shares.
 */
@NullMarked
package in.earlybird.notification.shared;

import org.jspecify.annotations.NullMarked;
