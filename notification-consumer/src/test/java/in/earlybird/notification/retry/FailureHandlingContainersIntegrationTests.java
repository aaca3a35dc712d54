package in.earlybird.notification.retry;

import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.test.context.TestPropertySource;

/**
 * The failure scenarios again, against Kafka and MongoDB in containers; skipped when
 * there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestPropertySource(properties = "test.infrastructure=containers")
class FailureHandlingContainersIntegrationTests extends FailureHandlingIntegrationTests {

}
