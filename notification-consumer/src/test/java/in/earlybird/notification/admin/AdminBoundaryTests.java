package in.earlybird.notification.admin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The admin side sits on top: nothing in the service depends on it. */
class AdminBoundaryTests {

	private final JavaClasses service = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("in.earlybird.notification");

	@Test
	void nothingDependsOnTheAdminPackage() {
		noClasses().that()
			.resideOutsideOfPackage("in.earlybird.notification.admin..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("in.earlybird.notification.admin..")
			.check(this.service);
	}

}
