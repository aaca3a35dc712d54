package in.earlybird.notification.harness;

import java.util.List;

/**
 * Which scenarios of a long run to play: all of them, or those a system property names
 * ({@code -Dbenchmark.only=rate80,drain}, {@code -Dfaults.only=kill,mongo}).
 *
 * @param only the comma-separated names, empty for all
 */
public record ScenarioSelection(String only) {

	/**
	 * Reads the selection from a system property.
	 * @param property e.g. {@code benchmark.only}
	 * @return the selection, all scenarios if the property is not set
	 */
	public static ScenarioSelection fromProperty(String property) {
		return new ScenarioSelection(System.getProperty(property, ""));
	}

	/**
	 * Plays a scenario if it is selected.
	 * @param name the scenario's name
	 * @param scenario the scenario
	 */
	public void run(String name, Runnable scenario) {
		if (this.only.isEmpty() || List.of(this.only.split(",")).contains(name)) {
			scenario.run();
		}
	}

}
