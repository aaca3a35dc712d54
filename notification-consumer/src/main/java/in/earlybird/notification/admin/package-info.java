/**
 * The admin side over HTTP: the JSON API under {@code /api/notifications} (send, history,
 * statistics, templates, preferences, health), its bearer-token security with viewer and
 * admin roles, problem details for every error, rate limits and the audit trail of
 * sensitive actions, the OpenAPI document and the dashboard. Nothing depends on this
 * package.
 */
@NullMarked
package in.earlybird.notification.admin;

import org.jspecify.annotations.NullMarked;
