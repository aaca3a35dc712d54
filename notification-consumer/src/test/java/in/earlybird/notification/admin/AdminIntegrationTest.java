package in.earlybird.notification.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import in.earlybird.notification.NotificationIntegrationTest;

import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * A full application context with {@link org.springframework.test.web.servlet.MockMvc}
 * going through the real security filter chain; every admin integration test class uses
 * this one, so they share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@NotificationIntegrationTest
@AutoConfigureMockMvc
@interface AdminIntegrationTest {

}
