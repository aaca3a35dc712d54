package in.earlybird.notification.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the provider requests out of a packet capture (the classic pcap format that
 * {@code tcpdump -w} writes): for each {@code POST} whose body names a
 * {@code myop_ref_id}, the kernel's timestamp of the segment that carried the request's
 * first byte. That is when the request reached the provider's machine, whatever the
 * provider stand-in's own threads were doing then.
 * <p>
 * Only what a capture of loopback holds is understood: Ethernet, Linux cooked (v1 and v2)
 * or raw link layers, IPv4 or IPv6 without extension headers, TCP. A segment that repeats
 * bytes already seen on its connection (a retransmission) is not a new request.
 */
public final class PcapRequests {

	private static final Pattern REF_ID = Pattern.compile("\"myop_ref_id\"\\s*:\\s*\"([^\"]+)\"");

	/** The most of one request kept while its {@code myop_ref_id} is looked for. */
	private static final int MAX_REQUEST_BYTES = 64 * 1024;

	private static final int LINKTYPE_RAW = 101;

	private static final int LINKTYPE_ETHERNET = 1;

	private static final int LINKTYPE_LINUX_SLL = 113;

	private static final int LINKTYPE_LINUX_SLL2 = 276;

	private static final int TCP = 6;

	private PcapRequests() {
	}

	/**
	 * One request, as the capture saw it.
	 *
	 * @param refId its {@code myop_ref_id}
	 * @param at when its first byte was captured
	 */
	public record Request(String refId, Instant at) {
	}

	/**
	 * Reads a capture file.
	 * @param file the capture
	 * @param port the provider's port: only segments sent to it count
	 * @return the requests, in the order they were captured
	 */
	public static List<Request> read(Path file, int port) {
		try {
			return read(Files.readAllBytes(file), port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a capture.
	 * @param capture the capture's bytes
	 * @param port the provider's port: only segments sent to it count
	 * @return the requests, in the order they were captured
	 * @throws IllegalArgumentException if it is not a capture this class understands
	 */
	public static List<Request> read(byte[] capture, int port) {
		ByteBuffer buffer = ByteBuffer.wrap(capture);
		if (capture.length < 24) {
			throw new IllegalArgumentException("Not a pcap capture: " + capture.length + " bytes");
		}
		int magic = buffer.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
		long fractionsPerSecond;
		if (magic == 0xa1b2c3d4 || Integer.reverseBytes(magic) == 0xa1b2c3d4) {
			fractionsPerSecond = 1_000_000;
		}
		else if (magic == 0xa1b23c4d || Integer.reverseBytes(magic) == 0xa1b23c4d) {
			fractionsPerSecond = 1_000_000_000;
		}
		else {
			throw new IllegalArgumentException("Not a pcap capture: magic number " + Integer.toHexString(magic));
		}
		if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
			buffer.order(ByteOrder.BIG_ENDIAN);
		}
		int linkType = buffer.getInt(20) & 0x0fff_ffff;
		Connections connections = new Connections();
		int position = 24;
		while (position + 16 <= capture.length) {
			long seconds = buffer.getInt(position) & 0xffff_ffffL;
			long fraction = buffer.getInt(position + 4) & 0xffff_ffffL;
			int length = buffer.getInt(position + 8);
			int start = position + 16;
			if (length < 0 || start + length > capture.length) {
				// A capture cut short while it was written: its last packet is
				// incomplete.
				break;
			}
			Instant at = Instant.ofEpochSecond(seconds, fraction * (1_000_000_000 / fractionsPerSecond));
			segment(capture, start, start + length, linkType, port, at, connections);
			position = start + length;
		}
		return connections.requests;
	}

	private static void segment(byte[] capture, int from, int to, int linkType, int port, Instant at,
			Connections connections) {
		int ip = switch (linkType) {
			case LINKTYPE_ETHERNET -> from + 14;
			case LINKTYPE_LINUX_SLL -> from + 16;
			case LINKTYPE_LINUX_SLL2 -> from + 20;
			case LINKTYPE_RAW -> from;
			default -> throw new IllegalArgumentException("Unsupported pcap link type " + linkType);
		};
		if (ip >= to) {
			return;
		}
		int version = (capture[ip] & 0xf0) >> 4;
		int tcp;
		String source;
		if (version == 4) {
			if ((capture[ip + 9] & 0xff) != TCP) {
				return;
			}
			tcp = ip + (capture[ip] & 0x0f) * 4;
			source = (capture[ip + 12] & 0xff) + "." + (capture[ip + 13] & 0xff) + "." + (capture[ip + 14] & 0xff) + "."
					+ (capture[ip + 15] & 0xff);
		}
		else if (version == 6) {
			if ((capture[ip + 6] & 0xff) != TCP) {
				return;
			}
			tcp = ip + 40;
			StringBuilder address = new StringBuilder();
			for (int i = 8; i < 24; i++) {
				address.append(String.format("%02x", capture[ip + i] & 0xff));
			}
			source = address.toString();
		}
		else {
			return;
		}
		if (tcp + 20 > to) {
			return;
		}
		int sourcePort = unsignedShort(capture, tcp);
		int destinationPort = unsignedShort(capture, tcp + 2);
		if (destinationPort != port) {
			return;
		}
		long sequence = ByteBuffer.wrap(capture, tcp + 4, 4).order(ByteOrder.BIG_ENDIAN).getInt() & 0xffff_ffffL;
		int payload = tcp + ((capture[tcp + 12] & 0xf0) >> 4) * 4;
		if (payload >= to) {
			return;
		}
		connections.of(source + ":" + sourcePort).receive(sequence, capture, payload, to, at, connections.requests);
	}

	private static int unsignedShort(byte[] bytes, int at) {
		return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
	}

	private static final class Connections {

		private final Map<String, Connection> byClient = new HashMap<>();

		private final List<Request> requests = new ArrayList<>();

		Connection of(String client) {
			return this.byClient.computeIfAbsent(client, (key) -> new Connection());
		}

	}

	/** One client connection: where its byte stream has got to, and the request on it. */
	private static final class Connection {

		private long nextSequence = -1;

		private final StringBuilder request = new StringBuilder();

		private Instant requestStart;

		void receive(long sequence, byte[] bytes, int from, int to, Instant at, List<Request> requests) {
			int length = to - from;
			if (this.nextSequence >= 0) {
				int behind = (int) ((this.nextSequence - sequence) & 0xffff_ffffL);
				if (behind > 0) {
					// Bytes seen before (a retransmission), wholly or in part.
					if (behind >= length) {
						return;
					}
					from += behind;
					sequence = this.nextSequence;
				}
			}
			this.nextSequence = (sequence + (to - from)) & 0xffff_ffffL;
			String text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
			if (this.requestStart == null || text.startsWith("POST ") || text.startsWith("GET ")) {
				this.request.setLength(0);
				this.requestStart = at;
			}
			if (this.request.length() < MAX_REQUEST_BYTES) {
				this.request.append(text);
			}
			Matcher refId = REF_ID.matcher(this.request);
			if (refId.find()) {
				requests.add(new Request(refId.group(1), this.requestStart));
				this.request.setLength(0);
				this.requestStart = null;
			}
		}

	}

}
