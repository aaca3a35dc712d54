// Dead letters: what is on the dead-letter topic by reason, the replay filters, a dry run
// that lists what would move, and a replay that asks first and then shows its audit entry.
import { call, query } from '../api.js';
import { h, show, time, count, message, field, select, facts, announce } from '../dom.js';
import { EVENT_TYPES, ERROR_CLASSES } from '../catalog.js';

function instant(localValue) {
	// datetime-local has no zone: read it as India time.
	return localValue ? new Date(localValue + ':00+05:30').toISOString() : '';
}

function reportView(report, title) {
	const reasons = Object.entries(report.byReason);
	return h('div', { 'data-report': report.dryRun ? 'dry-run' : 'replay' },
		h('h2', null, title),
		h('p', null, h('strong', { 'data-count': 'matched' }, count(report.matched)), ' matched of ', count(report.scanned),
			' dead-lettered records read; ', h('strong', { 'data-count': 'replayed' }, count(report.replayed)),
			report.dryRun ? ' moved (a dry run moves nothing).' : ' moved back to their original topics.'),
		reasons.length > 0 ? h('div', { class: 'table-wrap' }, h('table', { 'data-table': 'reasons' },
			h('caption', null, 'By reason'),
			h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Failure class / code'), h('th', { scope: 'col', class: 'num' }, 'Records'))),
			h('tbody', null, reasons.map(([reason, n]) => h('tr', null, h('th', { scope: 'row' }, reason), h('td', { class: 'num' }, count(n)))))))
			: null,
		report.records.length > 0 ? h('div', { class: 'table-wrap' }, h('table', { 'data-table': 'records' },
			h('caption', null, report.records.length < report.matched ? 'The first ' + report.records.length : 'Records'),
			h('thead', null, h('tr', null, ['Where', 'Event', 'Reason', 'Attempts', 'Last failure', 'Message'].map((label) => h('th', { scope: 'col' }, label)))),
			h('tbody', null, report.records.map((record) => h('tr', null,
				h('td', { class: 'mono' }, (record.originalTopic ?? '?') + ' · dlt-' + record.partition + '@' + record.offset),
				h('td', { class: 'mono' }, (record.eventId ?? '—') + (record.eventType ? ' · ' + record.eventType : '')),
				h('td', null, (record.errorClass ?? '?') + '/' + (record.errorCode ?? '?')),
				h('td', { class: 'num' }, record.attempts ?? ''),
				h('td', null, time(record.lastFailureAt)),
				h('td', null, record.errorMessage ?? '')))))) : null);
}

export async function render(container, { me, params, remember }) {
	container.append(h('h1', null, 'Dead letters'));
	if (!me.admin) {
		container.append(message('note', 'The dead-letter topic holds customers\' event payloads, so reading and replaying it needs the admin role.'));
		return;
	}
	const inputs = {
		from: h('input', { type: 'datetime-local', name: 'from', value: params.get('from') ?? '' }),
		to: h('input', { type: 'datetime-local', name: 'to', value: params.get('to') ?? '' }),
		type: select('type', EVENT_TYPES, 'any', params.get('type') ?? ''),
		errorClass: select('errorClass', ERROR_CLASSES, 'any', params.get('errorClass') ?? ''),
		eventId: h('input', { type: 'text', name: 'eventId', value: params.get('eventId') ?? '', autocomplete: 'off' })
	};
	const inspect = h('button', { type: 'submit', class: 'primary' }, 'Show');
	const dryRun = h('button', { type: 'button', 'data-action': 'dry-run' }, 'Dry run');
	const replay = h('button', { type: 'button', class: 'danger', 'data-action': 'replay' }, 'Replay…');
	const form = h('form', { class: 'filters', 'aria-label': 'Replay filters' },
		field('Last failure from (India)', inputs.from), field('Last failure before', inputs.to),
		field('Event type', inputs.type), field('Failure class', inputs.errorClass), field('Event id', inputs.eventId),
		inspect, dryRun, replay);
	const result = h('section', { class: 'card', 'data-region': 'result', 'aria-live': 'polite' });
	const audit = h('section', { class: 'card', 'data-region': 'audit', hidden: true });
	const dialogText = h('p');
	const confirm = h('button', { type: 'button', class: 'danger', 'data-action': 'confirm-replay' }, 'Replay now');
	const cancel = h('button', { type: 'button' }, 'Cancel');
	const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' },
		h('h2', { id: 'confirm-title' }, 'Replay dead letters?'), dialogText,
		h('div', { class: 'toolbar' }, confirm, cancel));
	container.append(h('section', { class: 'card' }, form), result, audit, dialog);

	function filters() {
		return { from: instant(inputs.from.value), to: instant(inputs.to.value), type: inputs.type.value,
			errorClass: inputs.errorClass.value, eventId: inputs.eventId.value.trim() };
	}

	function body(dry) {
		const values = Object.fromEntries(Object.entries(filters()).filter(([, value]) => value));
		return { ...values, dryRun: dry };
	}

	function rememberFilters() {
		remember('dead-letters', Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value])));
	}

	async function run(action) {
		show(result, h('p', { class: 'loading' }, 'Reading the dead-letter topic…'));
		try {
			await action();
		}
		catch (error) {
			if (error.status !== 401) {
				show(result, message('error', error.message));
			}
		}
	}

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		rememberFilters();
		audit.hidden = true;
		run(async () => {
			const report = await call('/dead-letters' + query(filters()));
			show(result, reportView(report, 'On the topic'));
		});
	});
	dryRun.addEventListener('click', () => {
		rememberFilters();
		audit.hidden = true;
		run(async () => {
			const report = await call('/process-queue', { method: 'POST', body: body(true) });
			show(result, reportView(report, 'Dry run: what would move'));
			announce('Dry run: ' + report.matched + ' would move');
		});
	});
	replay.addEventListener('click', () => {
		const chosen = Object.entries(filters()).filter(([, value]) => value).map(([name, value]) => name + ' = ' + value);
		dialogText.textContent = 'This moves every dead-lettered record matching '
			+ (chosen.length ? chosen.join(', ') : 'no filter (all of them)')
			+ ' back to its original topic, 20 per second, with a fresh retry budget. Events already sent are not sent again. Run a dry run first to see what would move.';
		dialog.showModal();
		cancel.focus();
	});
	cancel.addEventListener('click', () => dialog.close());
	confirm.addEventListener('click', () => {
		dialog.close();
		rememberFilters();
		run(async () => {
			const report = await call('/process-queue', { method: 'POST', body: body(false) });
			show(result, reportView(report, 'Replayed'));
			announce('Replayed ' + report.replayed);
			const entries = await call('/audit' + query({ action: 'replay', limit: 20 }));
			const entry = entries.find((candidate) => candidate.target === report.replayId);
			audit.hidden = false;
			show(audit, h('h2', null, 'Audit entry'), entry
				? facts([['When', time(entry.at)], ['Who', entry.actor], ['Action', entry.action],
					['Replay id', h('span', { class: 'mono', 'data-audit': 'target' }, entry.target)], ['Outcome', entry.outcome],
					['Details', h('span', { class: 'mono' }, JSON.stringify(entry.details))]])
				: message('note', 'The audit trail has no entry for replay ' + report.replayId + ' yet.'));
		});
	});

	form.requestSubmit();
}
