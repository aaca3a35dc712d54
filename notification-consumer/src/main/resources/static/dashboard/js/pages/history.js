// History: the filters of GET /history, cursor paging (fast however deep), and each
// message in full beside the list.
import { call, query } from '../api.js';
import { h, show, time, statusPill, message, field, select, announce } from '../dom.js';
import { TEMPLATE_TYPES, STATUSES } from '../catalog.js';
import { renderMessage } from './message.js';

const PAGE_SIZE = 20;

const FILTERS = ['phone', 'status', 'type', 'eventId', 'from', 'to'];

export async function render(container, { me, params, remember, stale }) {
	const inputs = {
		phone: h('input', { type: 'tel', name: 'phone', value: params.get('phone') ?? '', placeholder: '+919876543210', autocomplete: 'off' }),
		status: select('status', STATUSES, 'any', params.get('status') ?? ''),
		type: select('type', TEMPLATE_TYPES, 'any', params.get('type') ?? ''),
		eventId: h('input', { type: 'text', name: 'eventId', value: params.get('eventId') ?? '', autocomplete: 'off' }),
		from: h('input', { type: 'date', name: 'from', value: params.get('from') ?? '' }),
		to: h('input', { type: 'date', name: 'to', value: params.get('to') ?? '' })
	};
	const form = h('form', { class: 'filters', 'aria-label': 'Filters' },
		field('Phone', inputs.phone), field('Status', inputs.status), field('Template', inputs.type),
		field('Event id', inputs.eventId), field('From (India)', inputs.from), field('To, inclusive', inputs.to),
		h('button', { type: 'submit', class: 'primary' }, 'Search'),
		h('button', { type: 'reset' }, 'Clear'));
	const list = h('div', { 'data-region': 'list' });
	const detail = h('section', { class: 'card', 'aria-label': 'Message', 'data-region': 'detail', hidden: true });
	container.append(h('h1', null, 'History'), h('section', { class: 'card' }, form),
		h('div', { class: 'split' }, h('section', { class: 'card', 'aria-label': 'Messages' }, list), detail));

	let cursors = [null];
	let pageIndex = 0;
	let filters = {};
	let selected = null;

	function currentFilters() {
		return Object.fromEntries(FILTERS.map((name) => [name, inputs[name].value.trim()]));
	}

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		filters = currentFilters();
		remember('history', filters);
		cursors = [null];
		pageIndex = 0;
		load();
	});
	form.addEventListener('reset', () => setTimeout(() => form.requestSubmit(), 0));

	function open(item, row) {
		selected = item.id;
		for (const other of list.querySelectorAll('tr.selected')) {
			other.classList.remove('selected');
		}
		row?.classList.add('selected');
		detail.hidden = false;
		renderMessage(detail, item, { me, onResent: () => load(false) });
		detail.querySelector('#message-title').focus();
	}

	async function load(closeDetail = true) {
		show(list, h('p', { class: 'loading' }, 'Loading…'));
		if (closeDetail) {
			detail.hidden = true;
			selected = null;
		}
		let answer;
		try {
			answer = await call('/history' + query({ ...filters, size: PAGE_SIZE, cursor: cursors[pageIndex] }));
		}
		catch (error) {
			show(list, message('error', error.message));
			return;
		}
		if (stale()) {
			return;
		}
		cursors[pageIndex + 1] = answer.nextCursor ?? null;
		const previous = h('button', { type: 'button', disabled: pageIndex === 0 }, 'Newer');
		const next = h('button', { type: 'button', disabled: !answer.nextCursor, 'data-action': 'older' }, 'Older');
		previous.addEventListener('click', () => { pageIndex--; load(); });
		next.addEventListener('click', () => { pageIndex++; load(); });
		if (answer.items.length === 0) {
			show(list, h('p', { class: 'muted', 'data-empty': 'history' }, 'No notifications match.'));
			return;
		}
		show(list, h('div', { class: 'table-wrap' }, h('table', { 'data-table': 'history' },
			h('caption', null, 'Newest first, page ' + (pageIndex + 1)),
			h('thead', null, h('tr', null, ['When', 'Phone', 'Template', 'Status', 'Language', 'Error']
				.map((label) => h('th', { scope: 'col' }, label)))),
			h('tbody', null, answer.items.map((item) => {
				const button = h('button', { type: 'button', class: 'link', 'data-open': item.id }, time(item.timestamp));
				const row = h('tr', { class: 'clickable' + (item.id === selected ? ' selected' : ''), 'data-id': item.id },
					h('td', null, button), h('td', { 'data-field': 'phone' }, item.phone), h('td', null, item.type),
					h('td', null, statusPill(item.status)), h('td', null, item.language ?? ''),
					h('td', { class: 'mono' }, item.errorCode ?? ''));
				button.addEventListener('click', () => open(item, row));
				return row;
			})))),
		h('div', { class: 'pager' }, previous, next, h('span', { class: 'muted' }, answer.items.length + ' shown')));
		announce(answer.items.length + ' notifications shown');
	}

	filters = currentFilters();
	await load();
}
