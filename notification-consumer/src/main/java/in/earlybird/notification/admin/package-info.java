/**
 * The admin side over HTTP: the JSON API under {@code /api/notifications} (send, history,
 * statistics, templates, preferences, health), its bearer-token security with viewer and
 * admin roles, problem details for every error, the MyOperator delivery-status webhook,
 * rate limits and the audit trail of sensitive actions, and the OpenAPI document. Nothing
 * depends on this package.
 */
@NullMarked
package in.earlybird.notification.admin;

import org.jspecify.annotations.NullMarked;
