package in.earlybird.notification.harness;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PcapRequestsTests {

	private static final int PROVIDER = 8080;

	private static final Instant T0 = Instant.parse("2026-12-02T15:00:00.123456789Z");

	private static final String HEADERS = "POST /chat/messages HTTP/1.1\r\nContent-Type: application/json\r\n\r\n";

	@Test
	void stampsEachRequestWithTheCaptureTimeOfItsSegment() {
		Capture capture = Capture.nanos();
		capture.segment(T0, 50001, PROVIDER, 1000, request("a"));
		capture.segment(T0.plusMillis(7), 50002, PROVIDER, 5000, request("b"));
		assertThat(PcapRequests.read(capture.bytes(), PROVIDER)).containsExactly(new PcapRequests.Request("a", T0),
				new PcapRequests.Request("b", T0.plusMillis(7)));
	}

	@Test
	void stampsARequestSplitOverSegmentsWithItsFirstByte() {
		Capture capture = Capture.nanos();
		byte[] whole = request("split");
		int cut = HEADERS.length() + 20;
		capture.segment(T0, 50001, PROVIDER, 1000, slice(whole, 0, cut));
		capture.segment(T0.plusMillis(40), 50001, PROVIDER, 1000 + cut, slice(whole, cut, whole.length));
		assertThat(PcapRequests.read(capture.bytes(), PROVIDER)).containsExactly(new PcapRequests.Request("split", T0));
	}

	@Test
	void findsARefIdCutInTwoBetweenSegments() {
		Capture capture = Capture.nanos();
		byte[] whole = request("cut-in-two");
		int cut = new String(whole, StandardCharsets.ISO_8859_1).indexOf("cut-in") + 3;
		capture.segment(T0, 50001, PROVIDER, 1, slice(whole, 0, cut));
		capture.segment(T0.plusMillis(1), 50001, PROVIDER, 1 + cut, slice(whole, cut, whole.length));
		assertThat(PcapRequests.read(capture.bytes(), PROVIDER)).extracting(PcapRequests.Request::refId)
			.containsExactly("cut-in-two");
	}

	@Test
	void countsARetransmittedRequestOnce() {
		Capture capture = Capture.nanos();
		capture.segment(T0, 50001, PROVIDER, 1000, request("once"));
		capture.segment(T0.plusMillis(200), 50001, PROVIDER, 1000, request("once"));
		capture.segment(T0.plusMillis(300), 50001, PROVIDER, 1000 + request("once").length, request("next"));
		assertThat(PcapRequests.read(capture.bytes(), PROVIDER)).containsExactly(new PcapRequests.Request("once", T0),
				new PcapRequests.Request("next", T0.plusMillis(300)));
	}

	@Test
	void countsTheSameRefIdSentAgainAsASecondRequest() {
		Capture capture = Capture.nanos();
		capture.segment(T0, 50001, PROVIDER, 1000, request("retried"));
		capture.segment(T0.plusSeconds(1), 50001, PROVIDER, 1000 + request("retried").length, request("retried"));
		assertThat(PcapRequests.read(capture.bytes(), PROVIDER)).hasSize(2);
	}

	@Test
	void ignoresOtherPortsAndRequestsWithoutARefId() {
		Capture capture = Capture.nanos();
		capture.segment(T0, PROVIDER, 50001, 1, request("answer-direction"));
		capture.segment(T0, 50001, 9092, 1, request("another-port"));
		capture.segment(T0, 50002, PROVIDER, 1,
				"GET /chat/templates HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		capture.segment(T0.plusMillis(3), 50002, PROVIDER, 33, request("after-a-get"));
		assertThat(PcapRequests.read(capture.bytes(), PROVIDER))
			.containsExactly(new PcapRequests.Request("after-a-get", T0.plusMillis(3)));
	}

	@Test
	void readsMicrosecondCapturesInEitherByteOrder() {
		for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
			Capture capture = new Capture(order, false);
			capture.segment(T0, 50001, PROVIDER, 1, request("micro"));
			assertThat(PcapRequests.read(capture.bytes(), PROVIDER))
				.containsExactly(new PcapRequests.Request("micro", Instant.parse("2026-12-02T15:00:00.123456Z")));
		}
	}

	@Test
	void ignoresAPacketCutShortAtTheEndOfTheFile() {
		Capture capture = Capture.nanos();
		capture.segment(T0, 50001, PROVIDER, 1, request("whole"));
		capture.segment(T0.plusMillis(1), 50002, PROVIDER, 1, request("cut"));
		byte[] bytes = capture.bytes();
		byte[] truncated = slice(bytes, 0, bytes.length - 10);
		assertThat(PcapRequests.read(truncated, PROVIDER)).extracting(PcapRequests.Request::refId)
			.containsExactly("whole");
	}

	@Test
	void refusesWhatIsNotAPcapCapture() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PcapRequests.read("not a capture at all, really".getBytes(), PROVIDER))
			.withMessageContaining("Not a pcap capture");
	}

	private static byte[] request(String refId) {
		String body = "{\"phone_number_id\":\"1\",\"customer_number\":\"98\",\"myop_ref_id\":\"" + refId + "\"}";
		return (HEADERS + body).getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		byte[] slice = new byte[to - from];
		System.arraycopy(bytes, from, slice, 0, slice.length);
		return slice;
	}

	/** Writes a capture as tcpdump does on loopback: Ethernet, IPv4, TCP. */
	private static final class Capture {

		private final ByteOrder order;

		private final boolean nanos;

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		Capture(ByteOrder order, boolean nanos) {
			this.order = order;
			this.nanos = nanos;
			ByteBuffer header = ByteBuffer.allocate(24).order(order);
			header.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4);
			header.putInt(0).putInt(0).putInt(262144).putInt(1);
			this.out.writeBytes(header.array());
		}

		static Capture nanos() {
			return new Capture(ByteOrder.LITTLE_ENDIAN, true);
		}

		void segment(Instant at, int sourcePort, int destinationPort, long sequence, byte[] payload) {
			ByteBuffer packet = ByteBuffer.allocate(14 + 20 + 32 + payload.length).order(ByteOrder.BIG_ENDIAN);
			packet.put(new byte[12]).putShort((short) 0x0800);
			packet.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 32 + payload.length));
			packet.putInt(0).put((byte) 64).put((byte) 6).putShort((short) 0);
			packet.put(new byte[] { 127, 0, 0, 1 }).put(new byte[] { 127, 0, 0, 1 });
			packet.putShort((short) sourcePort).putShort((short) destinationPort).putInt((int) sequence).putInt(0);
			packet.put((byte) (8 << 4)).put((byte) 0x18).putShort((short) 512).putInt(0);
			packet.put(new byte[12]);
			packet.put(payload);
			ByteBuffer record = ByteBuffer.allocate(16).order(this.order);
			record.putInt((int) at.getEpochSecond())
				.putInt(this.nanos ? at.getNano() : at.getNano() / 1000)
				.putInt(packet.capacity())
				.putInt(packet.capacity());
			this.out.writeBytes(record.array());
			this.out.writeBytes(packet.array());
		}

		byte[] bytes() {
			return this.out.toByteArray();
		}

	}

}
