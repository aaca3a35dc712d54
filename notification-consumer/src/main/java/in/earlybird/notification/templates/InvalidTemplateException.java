package in.earlybird.notification.templates;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Thrown when an admin's template change breaks a rule; lists every problem found, each
 * with the field it concerns.
 */
public class InvalidTemplateException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final TemplateType type;

	private final List<Problem> problems;

	/**
	 * Creates the exception.
	 * @param type the template the change was for
	 * @param problems every broken rule, not empty
	 */
	public InvalidTemplateException(TemplateType type, List<Problem> problems) {
		super("Template " + type.key() + " was not saved: "
				+ problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
		this.type = type;
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the template the change was for.
	 * @return the template
	 */
	public TemplateType type() {
		return this.type;
	}

	/**
	 * Returns every problem found, in field order.
	 * @return the problems, never empty
	 */
	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * One broken rule.
	 *
	 * @param field the field path in the change, e.g.
	 * {@code translations.hi.parameters[2]} or {@code translations.en.body}
	 * @param message what is wrong, e.g. {@code expected 5 parameters, got 4}
	 */
	public record Problem(String field, String message) {

		/**
		 * Creates a problem.
		 * @param field the field path
		 * @param message what is wrong
		 */
		public Problem {
			Objects.requireNonNull(field, "field");
			Objects.requireNonNull(message, "message");
		}

		@Override
		public String toString() {
			return this.field + ": " + this.message;
		}

	}

}
