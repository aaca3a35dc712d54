package in.earlybird.notification.delivery;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which instance this is.
 *
 * @param instanceId names this instance as the owner of the notifications it claims (in
 * Kubernetes, the pod name); the host name when not set. Every start is a new owner
 * whatever the name: a process id and a random suffix are added.
 */
@ConfigurationProperties("notification")
public record InstanceProperties(@Nullable String instanceId) {
}
