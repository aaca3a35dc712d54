package in.earlybird.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import in.earlybird.events.EventType;
import in.earlybird.events.Topics;

/**
 * Topic names unique to one Spring test context, so contexts sharing the JVM's broker
 * never read each other's records.
 *
 * @param prefix the prefix added to every default topic name
 */
public record TestTopics(String prefix) {

	/**
	 * Partitions per test topic: enough to exercise per-key ordering across partitions.
	 */
	public static final int PARTITIONS = 3;

	static TestTopics random() {
		return new TestTopics("t" + UUID.randomUUID().toString().substring(0, 8) + ".");
	}

	/**
	 * Returns the topic an event type is published to in this context.
	 * @param type the event type
	 * @return the topic
	 */
	public String of(EventType type) {
		return this.prefix + type.defaultTopic();
	}

	/**
	 * Returns the six domain topics.
	 * @return the topics
	 */
	public List<String> domain() {
		return Topics.ALL.stream().map((topic) -> this.prefix + topic).toList();
	}

	/**
	 * Returns the delay topic.
	 * @return the topic
	 */
	public String retry() {
		return this.prefix + "notifications.retry";
	}

	/**
	 * Returns the dead-letter topic.
	 * @return the topic
	 */
	public String deadLetter() {
		return this.prefix + "notifications.dlt";
	}

	/**
	 * Returns every topic of the context.
	 * @return the topics
	 */
	public List<String> all() {
		List<String> all = new ArrayList<>(domain());
		all.add(retry());
		all.add(deadLetter());
		return all;
	}

}
