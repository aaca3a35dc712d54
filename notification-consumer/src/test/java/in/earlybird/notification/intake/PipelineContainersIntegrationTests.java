package in.earlybird.notification.intake;

import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.test.context.TestPropertySource;

/**
 * The pipeline scenarios again, against Kafka and MongoDB in containers; skipped when
 * there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestPropertySource(properties = "test.infrastructure=containers")
class PipelineContainersIntegrationTests extends PipelineIntegrationTests {

}
