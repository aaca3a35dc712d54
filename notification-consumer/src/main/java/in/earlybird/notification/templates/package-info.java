/**
 * The WhatsApp template catalog: the ten templates as FreeMarker, stored in MongoDB and
 * seeded from the classpath, rendered into the name, language and positional parameters
 * of a Meta-approved template plus the full text for history, and the rules an admin edit
 * must pass.
 *
 * <p>
 * Entry points: {@link in.earlybird.notification.templates.NotificationTemplates} renders
 * an event; {@link in.earlybird.notification.templates.TemplateCatalog} lists and edits
 * the definitions.
 */
@NullMarked
package in.earlybird.notification.templates;

import org.jspecify.annotations.NullMarked;
