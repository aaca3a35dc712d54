package in.earlybird.notification.delivery.myoperator;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A WhatsApp template that Meta approved for our business account, as MyOperator lists
 * it.
 *
 * @param name the template's name
 * @param language its language code, e.g. {@code en}
 * @param category its category (e.g. {@code UTILITY}), when listed
 * @param bodyText its body with <code>{{n}}</code> placeholders, when listed
 */
public record ApprovedTemplate(String name, String language, @Nullable String category, @Nullable String bodyText) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\d{1,3})\\s*}}");

	/**
	 * Counts the body's positional parameters as its highest <code>{{n}}</code>.
	 * @return the count, or empty when the listing carried no body text
	 */
	public OptionalInt bodyParameterCount() {
		if (this.bodyText == null) {
			return OptionalInt.empty();
		}
		int highest = 0;
		Matcher matcher = PLACEHOLDER.matcher(this.bodyText);
		while (matcher.find()) {
			highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
		}
		return OptionalInt.of(highest);
	}

}
