// Customers: look up a number; its messages, opt-outs per category and quiet hours, which
// admins can change.
import { call, query, segment } from '../api.js';
import { h, show, time, statusPill, message, field, facts, announce } from '../dom.js';

const CATEGORIES = [['transactional', 'Transactional (deliveries, bills, orders)'], ['promotional', 'Promotional (offers, new products)']];

export async function render(container, { me, params, remember, navigate }) {
	const phone = h('input', { type: 'tel', name: 'phone', value: params.get('phone') ?? '', placeholder: '+919876543210', required: true, autocomplete: 'off' });
	const form = h('form', { class: 'filters', 'aria-label': 'Look up a customer' },
		field('Phone (E.164)', phone), h('button', { type: 'submit', class: 'primary' }, 'Look up'));
	const result = h('div', { 'data-region': 'customer' });
	container.append(h('h1', null, 'Customers'), h('section', { class: 'card' }, form), result);

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		remember('customers', { phone: phone.value.trim() });
		load(phone.value.trim());
	});

	async function load(number) {
		if (!number) {
			show(result);
			return;
		}
		show(result, h('p', { class: 'loading' }, 'Loading…'));
		let preferences;
		let messages;
		try {
			[preferences, messages] = await Promise.all([
				call('/preferences/' + segment(number)),
				call('/history/' + segment(number) + query({ size: 20 }))]);
		}
		catch (error) {
			if (error.status !== 401) {
				show(result, message('error', error.message));
			}
			return;
		}
		show(result, h('div', { class: 'split' },
			preferencesCard(number, preferences),
			h('section', { class: 'card', 'aria-labelledby': 'messages-title' },
				h('h2', { id: 'messages-title' }, 'Latest messages'),
				messages.items.length === 0 ? h('p', { class: 'muted' }, 'No messages to this number.') :
					h('div', { class: 'table-wrap' }, h('table', { 'data-table': 'customer-messages' },
						h('thead', null, h('tr', null, ['When', 'Template', 'Status', 'Error'].map((label) => h('th', { scope: 'col' }, label)))),
						h('tbody', null, messages.items.map((item) => h('tr', null, h('td', null, time(item.timestamp)), h('td', null, item.type),
							h('td', null, statusPill(item.status)), h('td', { class: 'mono' }, item.errorCode ?? '')))))),
				h('p', null, h('a', { href: '#/history?phone=' + encodeURIComponent(number) }, 'Open in History for the full timeline')))));
	}

	function preferencesCard(number, preferences) {
		const readOnly = !me.admin;
		const boxes = CATEGORIES.map(([category, label]) => {
			const box = h('input', { type: 'checkbox', name: 'optedOut', value: category, checked: preferences.optedOut.includes(category), disabled: readOnly, 'data-category': category });
			return h('label', null, box, ' ' + label);
		});
		const start = h('input', { type: 'time', name: 'start', value: preferences.quietHours?.start ?? '', disabled: readOnly });
		const end = h('input', { type: 'time', name: 'end', value: preferences.quietHours?.end ?? '', disabled: readOnly });
		const errors = h('div', { 'aria-live': 'polite', 'data-region': 'preferences-message' });
		const save = readOnly ? null : h('button', { type: 'submit', class: 'primary', 'data-action': 'save-preferences' }, 'Save preferences');
		const form = h('form', { 'aria-label': 'Preferences' },
			h('fieldset', null, h('legend', null, 'Opted out of'), h('div', { class: 'checks' }, boxes)),
			h('fieldset', null, h('legend', null, 'Quiet hours for promotional messages (India time)'),
				h('div', { class: 'toolbar' }, field('Start', start), field('End', end)),
				h('p', { class: 'muted' }, 'Leave both empty for none. May span midnight, e.g. 22:00 to 07:00.')),
			errors, save);
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			save.disabled = true;
			const quietHours = (start.value || end.value) ? { start: start.value, end: end.value } : null;
			const optedOut = [...form.querySelectorAll('input[name="optedOut"]:checked')].map((box) => box.value);
			try {
				const saved = await call('/preferences/' + segment(number), { method: 'PUT', body: { optedOut, quietHours, customerId: preferences.customerId } });
				show(errors, message('ok', 'Saved: ' + (saved.optedOut.length ? 'opted out of ' + saved.optedOut.join(' and ') : 'no opt-outs')
					+ (saved.quietHours ? ', quiet hours ' + saved.quietHours.start + '–' + saved.quietHours.end : ', no quiet hours') + '.'));
				announce('Preferences saved');
			}
			catch (error) {
				if (error.status !== 401) {
					show(errors, message('error', error.message), error.errors.length ? h('ul', null, error.errors.map((problem) => h('li', { class: 'field-error' }, problem.field + ': ' + problem.message))) : null);
				}
			}
			finally {
				save.disabled = false;
			}
		});
		return h('section', { class: 'card', 'aria-labelledby': 'preferences-title', 'data-section': 'preferences' },
			h('h2', { id: 'preferences-title' }, h('span', { 'data-field': 'phone' }, preferences.phone)),
			facts([['Customer id', preferences.customerId], ['Last changed', preferences.updatedAt ? time(preferences.updatedAt) + ' by ' + preferences.updatedBy : 'never']]),
			readOnly ? h('p', { class: 'muted' }, 'Changing preferences needs the admin role.') : null,
			form);
	}

	await load(phone.value.trim());
}
