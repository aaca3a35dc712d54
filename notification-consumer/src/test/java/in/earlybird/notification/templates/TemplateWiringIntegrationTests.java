package in.earlybird.notification.templates;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateWiringIntegrationTests {

	private static InMemoryMongo mongo;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withBean(MongoOperations.class, () -> mongo.template())
		.withUserConfiguration(TemplatesFeature.class);

	@BeforeAll
	static void startMongo() {
		mongo = new InMemoryMongo();
	}

	@AfterAll
	static void stopMongo() {
		mongo.close();
	}

	@BeforeEach
	void clear() {
		mongo.clear();
	}

	@Test
	void seedsMongoWhenTheContextStartsAndRendersFromIt() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(NotificationTemplates.class).hasSingleBean(TemplateCatalog.class);
			assertThat(context.getBean(TemplateProperties.class)).isEqualTo(TemplateProperties.DEFAULTS);
			assertThat(context.getBean(TemplateCatalog.class).all()).hasSize(TemplateType.values().length);
			assertThat(context.getBean(NotificationTemplates.class)
				.render(TestEvents.sample(TemplateType.NEW_PRODUCT, "hi"))
				.language()).isEqualTo("hi");
		});
	}

	@Test
	void bindsItsProperties() {
		this.contextRunner
			.withPropertyValues("notification.templates.refresh-interval=5s", "notification.templates.seed=false")
			.run((context) -> {
				assertThat(context.getBean(TemplateProperties.class))
					.isEqualTo(new TemplateProperties(Duration.ofSeconds(5), false));
				assertThat(context.getBean(TemplateCatalog.class).all()).isEmpty();
			});
	}

	@Test
	void refusesANegativeRefreshInterval() {
		this.contextRunner.withPropertyValues("notification.templates.refresh-interval=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("refresh-interval must not be negative"));
	}

	/** The feature as component scanning in the application finds it. */
	@Configuration(proxyBeanMethods = false)
	@ComponentScan(basePackageClasses = NotificationTemplates.class)
	@EnableConfigurationProperties(TemplateProperties.class)
	static class TemplatesFeature {

	}

}
