package in.earlybird.notification.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import in.earlybird.notification.TestTokens;
import in.earlybird.notification.history.HistoryCursor;
import in.earlybird.notification.history.HistoryFilter;
import in.earlybird.notification.history.HistorySlice;
import in.earlybird.notification.history.NotificationQueries;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatistics;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.history.StatusCounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The history and statistics endpoints over mocked queries. */
@WebMvcTest({ HistoryController.class, StatisticsController.class })
@Import(AdminSliceConfiguration.class)
@TestPropertySource("classpath:admin-slice.properties")
class HistoryControllerTests {

	private static final String PHONE = "+919876543210";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	NotificationQueries queries;

	@Test
	void masksThePhoneNumberForViewersAndShowsItToAdmins() throws Exception {
		NotificationRecord record = record();
		given(this.queries.list(any(), any(), eq(50)))
			.willReturn(new HistorySlice(List.of(record), HistoryCursor.after(record)));

		this.mvc
			.perform(get("/api/notifications/history/{phone}", PHONE).header(HttpHeaders.AUTHORIZATION,
					"Bearer " + TestTokens.viewer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].phone").value("+91 98•••••210"))
			.andExpect(jsonPath("$.items[0].status").value("delivered"))
			.andExpect(jsonPath("$.items[0].timestamp").value("2026-01-27T05:00:00Z"))
			.andExpect(jsonPath("$.nextCursor").value(HistoryCursor.after(record).encode()));
		this.mvc
			.perform(get("/api/notifications/history/{phone}", PHONE).header(HttpHeaders.AUTHORIZATION,
					"Bearer " + TestTokens.admin()))
			.andExpect(jsonPath("$.items[0].phone").value(PHONE));
		then(this.queries).should(org.mockito.Mockito.times(2))
			.list(eq(new HistoryFilter(PHONE, null, null, null, null, null)), eq(null), eq(50));
	}

	@Test
	void passesEveryFilterOn() throws Exception {
		given(this.queries.page(any(), eq(2), eq(10))).willReturn(List.of());
		given(this.queries.count(any())).willReturn(21L);

		this.mvc
			.perform(get(java.net.URI.create("/api/notifications/history?phone=%2B919876543210&status=failed"
					+ "&type=churn_risk&from=2026-01-01&to=2026-01-31&page=2&size=10"))
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.viewer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalItems").value(21))
			.andExpect(jsonPath("$.totalPages").value(3));
		then(this.queries).should()
			.page(new HistoryFilter(PHONE, NotificationStatus.FAILED, "churn_risk", null,
					Instant.parse("2025-12-31T18:30:00Z"), Instant.parse("2026-01-31T18:30:00Z")), 2, 10);
	}

	@Test
	void answersStatisticsWithRatesAndNullWhenThereIsNothingToDivideBy() throws Exception {
		given(this.queries.statistics(any(), any()))
			.willReturn(new NotificationStatistics(Instant.parse("2026-01-20T05:00:00Z"), AdminSliceConfiguration.NOW,
					new StatusCounts(10, 0, 0, 8, 6, 3, 2, 0, 0, 1, 0),
					Map.of("churn_risk", new StatusCounts(1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0)),
					Map.of(LocalDate.of(2026, 1, 26), new StatusCounts(10, 0, 0, 8, 6, 3, 2, 0, 0, 1, 0))));

		this.mvc
			.perform(get("/api/notifications/statistics").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + TestTokens.viewer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totals.deliveryRate").value(0.75))
			.andExpect(jsonPath("$.totals.readRate").value(0.5))
			.andExpect(jsonPath("$.byType.churn_risk.deliveryRate").isEmpty())
			.andExpect(jsonPath("$.byDay['2026-01-26'].sent").value(8));
		then(this.queries).should()
			.statistics(AdminSliceConfiguration.NOW.minus(java.time.Duration.ofDays(7)), AdminSliceConfiguration.NOW);
	}

	private static NotificationRecord record() {
		Instant at = AdminSliceConfiguration.NOW;
		return new NotificationRecord("n-1", "e-1", "earlybird.delivery.scheduled", "delivery_reminder",
				"transactional", PHONE, "cust-1", "Priya", "en", NotificationStatus.DELIVERED, "Hi Priya",
				"delivery_reminder", List.of("Priya"), 1, "del-1", Map.of("slot", "6-8 AM"), at, at, at, at, null, null,
				null, null, null, 0, "m-1", "c-1", false, null, List.of(), null, null, null);
	}

}
