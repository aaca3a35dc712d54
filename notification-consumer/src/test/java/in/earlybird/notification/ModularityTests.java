package in.earlybird.notification;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModuleDependencies;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the feature packages' dependencies flowing one way (intake → retry → delivery →
 * templates, history, preferences; webhook → history, preferences; admin reads; nothing
 * depends on admin or webhook) and their internals private.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(NotificationConsumerApplication.class);

	@Test
	void featurePackagesDependOnEachOtherOnlyOneWay() {
		MODULES.verify();
	}

	@Test
	void nothingDependsOnTheAdminSideOrTheWebhook() {
		assertThat(MODULES.stream()).isNotEmpty().allSatisfy((module) -> {
			ApplicationModuleDependencies dependencies = module.getDirectDependencies(MODULES);
			assertThat(dependencies.containsModuleNamed("admin")).as(module.getDisplayName() + " uses admin").isFalse();
			assertThat(dependencies.containsModuleNamed("webhook")).as(module.getDisplayName() + " uses webhook")
				.isFalse();
		});
		assertThat(MODULES.getModuleByName("webhook")).isPresent();
	}

}
