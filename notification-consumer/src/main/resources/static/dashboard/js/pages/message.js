// One notification in full: text, provider template and parameters, attempts, delivery
// reports, and Resend for admins on a failed or in-doubt message.
import { call, segment } from '../api.js';
import { h, show, time, statusPill, message, facts, announce } from '../dom.js';

function deliveryTimeline(item) {
	const steps = [['Recorded', item.createdAt]];
	if (item.sentAt) {
		steps.push(['Accepted by MyOperator (sent)', item.sentAt]);
	}
	if (item.deliveredAt) {
		steps.push(['Delivered to the phone', item.deliveredAt]);
	}
	if (item.readAt) {
		steps.push(['Read by the customer', item.readAt]);
	}
	if (item.failedAt) {
		steps.push(['Failed' + (item.errorCode ? ' (' + item.errorCode + ')' : ''), item.failedAt, true]);
	}
	if (item.expiredAt) {
		steps.push(['Expired: its moment passed', item.expiredAt, true]);
	}
	steps.sort((a, b) => new Date(a[1]) - new Date(b[1]));
	return h('ol', { class: 'timeline', 'data-timeline': 'delivery' },
		steps.map(([label, at, bad]) => h('li', { class: bad ? 'bad' : null }, h('strong', null, label), ' · ', time(at))));
}

function attemptTimeline(attempts) {
	if (!attempts || attempts.length === 0) {
		return h('p', { class: 'muted' }, 'No attempts recorded.');
	}
	return h('div', { class: 'table-wrap' }, h('table', { 'data-table': 'attempts' },
		h('thead', null, h('tr', null, ['When', 'Trigger', 'Delay-topic trips', 'Outcome', 'Code', 'Provider calls', 'Error']
			.map((label) => h('th', { scope: 'col' }, label)))),
		h('tbody', null, attempts.map((attempt) => h('tr', null,
			h('td', null, time(attempt.at)), h('td', null, attempt.trigger), h('td', { class: 'num' }, attempt.topicAttempt),
			h('td', null, attempt.outcome), h('td', { class: 'mono' }, attempt.code ?? ''),
			h('td', { class: 'num' }, attempt.providerCalls), h('td', null, attempt.error ?? ''))))));
}

/**
 * Shows a notification.
 * @param container where
 * @param item the notification as the history API answers it
 * @param context me (the caller), and onResent(newItem) after a resend
 */
export function renderMessage(container, item, { me, onResent }) {
	const result = h('div', { 'data-result': 'resend', 'aria-live': 'polite' });
	// A message the provider may or may not have (in doubt) is resent only by a person.
	const resend = (me.admin && (item.status === 'failed' || item.status === 'in_doubt'))
		? h('button', { type: 'button', class: 'primary', 'data-action': 'resend' }, 'Resend')
		: null;
	if (resend) {
		resend.addEventListener('click', async () => {
			resend.disabled = true;
			show(result, h('p', { class: 'loading' }, 'Sending again…'));
			try {
				const sent = await call('/resend/' + segment(item.id), { method: 'POST' });
				show(result, message(sent.status === 'failed' ? 'error' : 'ok',
					'Resent as a new message: ', statusPill(sent.status), ' ', h('span', { class: 'mono' }, sent.id),
					sent.errorCode ? ' (' + sent.errorCode + ': ' + (sent.errorMessage ?? '') + ')' : ''));
				announce('Resent: ' + sent.status);
				onResent?.(sent);
			}
			catch (error) {
				show(result, message('error', error.message));
				resend.disabled = false;
			}
		});
	}
	const language = item.language || 'en';
	show(container,
		h('h2', { id: 'message-title', tabindex: '-1' }, item.type, ' ', statusPill(item.status)),
		resend ? h('div', { class: 'toolbar' }, resend) : null,
		result,
		h('h3', null, 'What the customer got'),
		item.message ? h('p', { class: 'whatsapp', lang: language, 'data-message': 'text' }, item.message)
			: h('p', { class: 'muted' }, 'No text was rendered (' + (item.errorCode ?? 'not sent') + ').'),
		facts([
			['Message id', h('span', { class: 'mono' }, item.id)],
			['Phone', h('span', { 'data-field': 'phone' }, item.phone)],
			['Customer', [item.customerName, item.customerId ? ' (' + item.customerId + ')' : ''].filter(Boolean).join('')],
			['Language', language],
			['Category', item.category],
			['Event', h('span', { class: 'mono' }, item.eventId + ' · ' + item.eventType)],
			['Provider template', item.providerTemplate ? h('span', { class: 'mono', 'data-field': 'provider-template' }, item.providerTemplate) : null],
			['Template version', item.templateVersion],
			['MyOperator message id', item.providerMessageId ? h('span', { class: 'mono' }, item.providerMessageId) : null],
			['Error', item.errorCode ? item.errorCode + (item.errorMessage ? ': ' + item.errorMessage : '') : null],
			['Delay-topic trips', item.retryCount],
			['Dead-lettered', item.deadLettered ? 'yes' : null],
			['Resend of', item.resendOf ? h('span', { class: 'mono' }, item.resendOf) : null]
		]),
		item.parameters && item.parameters.length > 0 ? [h('h3', null, 'Template parameters'),
			h('ol', { 'data-list': 'parameters', lang: language }, item.parameters.map((parameter) => h('li', null, parameter)))] : null,
		h('h3', null, 'Delivery status'),
		deliveryTimeline(item),
		h('h3', null, 'Attempts'),
		attemptTimeline(item.attempts));
}
