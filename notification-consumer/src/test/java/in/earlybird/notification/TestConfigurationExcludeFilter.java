package in.earlybird.notification;

import java.io.IOException;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.type.ClassMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the application's component scan away from test configurations (and the classes
 * nested in them) when the local stack runs from the test classpath, where
 * {@code @SpringBootTest}'s own filter is not in place.
 */
class TestConfigurationExcludeFilter extends TypeExcludeFilter {

	@Override
	public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
		if (isTestConfiguration(reader)) {
			return true;
		}
		ClassMetadata metadata = reader.getClassMetadata();
		String enclosing = metadata.getEnclosingClassName();
		while (enclosing != null) {
			MetadataReader enclosingReader = factory.getMetadataReader(enclosing);
			if (isTestConfiguration(enclosingReader)) {
				return true;
			}
			enclosing = enclosingReader.getClassMetadata().getEnclosingClassName();
		}
		return false;
	}

	private static boolean isTestConfiguration(MetadataReader reader) {
		return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
	}

	@Override
	public boolean equals(Object other) {
		return other != null && getClass() == other.getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

}
