package in.earlybird.notification;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the feature packages' dependencies flowing one way (intake → retry → delivery →
 * templates, history, preferences; admin reads; nothing depends on admin) and their
 * internals private.
 */
class ModularityTests {

	@Test
	void featurePackagesDependOnEachOtherOnlyOneWay() {
		ApplicationModules.of(NotificationConsumerApplication.class).verify();
	}

}
