package in.earlybird.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A full application context on the embedded broker, MongoDB and a MyOperator sandbox,
 * with the short delays of {@code application-it.yaml} so failure paths run in seconds.
 * Add {@code @TestPropertySource} for anything a test class needs on top.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@ActiveProfiles("it")
@Import(IntegrationTestConfiguration.class)
public @interface NotificationIntegrationTest {

}
