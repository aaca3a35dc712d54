// Overview: today's and a window's counts and rates, a time series and a per-type chart
// with their numbers beside them, the dead-letter topic by reason, and MyOperator's state.
import { call, query } from '../api.js';
import { h, show, count, rate, time, indiaToday, message, field } from '../dom.js';
import { lineChart, barChart } from '../charts.js';

const COUNTS = [
	['sent', 'Sent'], ['delivered', 'Delivered'], ['read', 'Read'], ['failed', 'Failed'], ['expired', 'Expired'],
	['inDoubt', 'In doubt'], ['deadLettered', 'Dead-lettered']
];

function stats(totals, scope) {
	return h('dl', { class: 'stats', 'data-scope': scope },
		COUNTS.map(([key, label]) => h('div', { class: 'stat ' + key },
			h('dt', null, label), h('dd', { 'data-stat': key }, count(totals[key])))),
		h('div', { class: 'stat' }, h('dt', null, 'Delivery rate'), h('dd', { 'data-stat': 'deliveryRate' }, rate(totals.deliveryRate))),
		h('div', { class: 'stat' }, h('dt', null, 'Read rate'), h('dd', { 'data-stat': 'readRate' }, rate(totals.readRate))),
		h('div', { class: 'stat' }, h('dt', null, 'Total'), h('dd', { 'data-stat': 'total' }, count(totals.total))));
}

function dayTable(days) {
	return h('div', { class: 'table-wrap' }, h('table', { 'data-table': 'by-day' },
		h('caption', null, 'Per day (India)'),
		h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Day'), ['Sent', 'Delivered', 'Read', 'Failed']
			.map((label) => h('th', { scope: 'col', class: 'num' }, label)))),
		h('tbody', null, days.map((day) => h('tr', { 'data-day': day.date },
			h('th', { scope: 'row' }, day.date),
			['sent', 'delivered', 'read', 'failed'].map((key) => h('td', { class: 'num', 'data-stat': key }, count(day[key]))))))));
}

function typeTable(types) {
	return h('div', { class: 'table-wrap' }, h('table', { 'data-table': 'by-type' },
		h('caption', null, 'Per template'),
		h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Template'),
			['Sent', 'Delivered', 'Read', 'Failed', 'Expired', 'Delivery rate']
				.map((label) => h('th', { scope: 'col', class: 'num' }, label)))),
		h('tbody', null, types.map((row) => h('tr', { 'data-type': row.label },
			h('th', { scope: 'row' }, row.label),
			['sent', 'delivered', 'read', 'failed', 'expired'].map((key) => h('td', { class: 'num', 'data-stat': key }, count(row[key]))),
			h('td', { class: 'num', 'data-stat': 'deliveryRate' }, rate(row.deliveryRate)))))));
}

function providerCard(provider) {
	const failure = provider.lastFailure;
	return h('section', { class: 'card', 'aria-labelledby': 'provider-title', 'data-section': 'provider' },
		h('h2', { id: 'provider-title' }, 'MyOperator'),
		h('p', { 'data-provider': 'throttled' }, provider.throttled
			? h('span', { class: 'provider-bad' }, 'Throttled now, until ' + time(provider.throttledUntil))
			: h('span', { class: 'provider-ok' }, 'Not throttled')),
		h('dl', { class: 'facts' },
			h('dt', null, 'Last success'), h('dd', { 'data-provider': 'last-success' }, provider.lastSuccessAt ? time(provider.lastSuccessAt) : 'none since this instance started'),
			h('dt', null, 'Last failure'), h('dd', { 'data-provider': 'last-failure' }, failure
				? [time(failure.at), ': ', h('strong', null, failure.code), ' (' + failure.kind.replace('_', ' ') + (failure.httpStatus ? ', HTTP ' + failure.httpStatus : '') + ') ', failure.reason]
				: 'none since this instance started')),
		h('p', { class: 'muted' }, 'As this instance of the service saw it (GET /provider).'));
}

function deadLetterCard(me, report, error) {
	const section = h('section', { class: 'card', 'aria-labelledby': 'dlt-title', 'data-section': 'dead-letters' },
		h('h2', { id: 'dlt-title' }, 'Dead-letter topic by reason'));
	if (!me.admin) {
		section.append(h('p', { class: 'muted' }, 'Reading the dead-letter topic needs the admin role. The counts of '
			+ 'dead-lettered notifications are above.'));
		return section;
	}
	if (error) {
		section.append(message('error', error.message));
		return section;
	}
	const reasons = Object.entries(report.byReason);
	section.append(h('p', null, h('strong', { 'data-dlt': 'matched' }, count(report.matched)), ' records on the topic'),
		reasons.length === 0 ? h('p', { class: 'muted' }, 'Nothing is dead-lettered.') :
			h('div', { class: 'table-wrap' }, h('table', { 'data-table': 'dlt-reasons' },
				h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Reason'), h('th', { scope: 'col', class: 'num' }, 'Records'))),
				h('tbody', null, reasons.map(([reason, n]) => h('tr', null, h('th', { scope: 'row' }, reason), h('td', { class: 'num' }, count(n))))))),
		h('p', null, h('a', { href: '#/dead-letters' }, 'Inspect and replay')));
	return section;
}

export async function render(container, { me, params, remember, stale }) {
	const from = params.get('from') || indiaToday(-6);
	const to = params.get('to') || indiaToday();
	const fromInput = h('input', { type: 'date', name: 'from', value: from, required: true });
	const toInput = h('input', { type: 'date', name: 'to', value: to, required: true });
	const form = h('form', { class: 'filters', 'aria-label': 'Window' },
		field('From (India)', fromInput), field('To, inclusive', toInput),
		h('button', { type: 'submit', class: 'primary' }, 'Show'),
		h('button', { type: 'button', onclick: () => { fromInput.value = indiaToday(-29); toInput.value = indiaToday(); form.requestSubmit(); } }, 'Last 30 days'),
		h('button', { type: 'button', onclick: () => { fromInput.value = indiaToday(-6); toInput.value = indiaToday(); form.requestSubmit(); } }, 'Last 7 days'));
	const body = h('div', null, h('p', { class: 'loading' }, 'Loading…'));
	container.append(h('h1', null, 'Overview'), h('section', { class: 'card' }, form), body);
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		remember('overview', { from: fromInput.value, to: toInput.value });
		load(fromInput.value, toInput.value);
	});

	async function load(windowFrom, windowTo) {
		show(body, h('p', { class: 'loading' }, 'Loading…'));
		const today = indiaToday();
		const [todayStats, windowStats, provider] = await Promise.all([
			call('/statistics' + query({ from: today, to: today })),
			call('/statistics' + query({ from: windowFrom, to: windowTo })),
			call('/provider')]);
		let deadLetters = null;
		let deadLetterError = null;
		if (me.admin) {
			try {
				deadLetters = await call('/dead-letters');
			}
			catch (error) {
				deadLetterError = error;
			}
		}
		if (stale()) {
			return;
		}
		const days = Object.entries(windowStats.byDay).map(([date, counts]) => ({ date, ...counts }))
			.sort((a, b) => a.date.localeCompare(b.date));
		const types = Object.entries(windowStats.byType).map(([label, counts]) => ({ label, ...counts }))
			.sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
		show(body,
			h('div', { class: 'grid' },
				h('section', { class: 'card', 'aria-labelledby': 'today-title', 'data-section': 'today' },
					h('h2', { id: 'today-title' }, 'Today (' + today + ')'), stats(todayStats.totals, 'today')),
				h('section', { class: 'card', 'aria-labelledby': 'window-title', 'data-section': 'window' },
					h('h2', { id: 'window-title' }, windowFrom + ' to ' + windowTo), stats(windowStats.totals, 'window'))),
			h('section', { class: 'card', 'aria-labelledby': 'series-title' },
				h('h2', { id: 'series-title' }, 'Per day'),
				h('div', { class: 'chart-row' },
					lineChart(days, ['sent', 'delivered', 'read', 'failed'], 'Sent, delivered, read and failed per day from ' + windowFrom + ' to ' + windowTo),
					dayTable(days))),
			h('section', { class: 'card', 'aria-labelledby': 'types-title' },
				h('h2', { id: 'types-title' }, 'Per template'),
				h('div', { class: 'chart-row' },
					barChart(types, ['sent', 'failed', 'expired', 'queued'], 'Notifications per template, by outcome'),
					typeTable(types))),
			h('div', { class: 'grid' }, providerCard(provider), deadLetterCard(me, deadLetters, deadLetterError)));
	}

	await load(from, to);
}
