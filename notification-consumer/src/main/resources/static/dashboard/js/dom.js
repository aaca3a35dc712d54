// Small DOM helpers: every text goes in through textContent, never as HTML.

const SVG = 'http://www.w3.org/2000/svg';

function build(element, attributes, children) {
	for (const [name, value] of Object.entries(attributes ?? {})) {
		if (value === undefined || value === null || value === false) {
			continue;
		}
		if (name.startsWith('on') && typeof value === 'function') {
			element.addEventListener(name.substring(2), value);
		}
		else if (name === 'dataset') {
			Object.assign(element.dataset, value);
		}
		else {
			element.setAttribute(name, value === true ? '' : String(value));
		}
	}
	append(element, children);
	return element;
}

function append(element, children) {
	for (const child of children.flat(Infinity)) {
		if (child === undefined || child === null || child === false) {
			continue;
		}
		element.append(child instanceof Node ? child : document.createTextNode(String(child)));
	}
}

/** Creates an HTML element: h('p', {class: 'x'}, 'text', otherNode). */
export function h(tag, attributes, ...children) {
	return build(document.createElement(tag), attributes, children);
}

/** Creates an SVG element. */
export function s(tag, attributes, ...children) {
	return build(document.createElementNS(SVG, tag), attributes, children);
}

/** Replaces an element's content. */
export function show(element, ...children) {
	element.replaceChildren();
	append(element, children);
	return element;
}

const INDIA = 'Asia/Kolkata';

const timeFormat = new Intl.DateTimeFormat('en-IN', {
	timeZone: INDIA, day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit',
	second: '2-digit', hour12: true
});

const numberFormat = new Intl.NumberFormat('en-IN');

/** An instant as India time, e.g. "28 Jan 2026, 7:15:02 am". */
export function time(instant) {
	return instant ? timeFormat.format(new Date(instant)) : '—';
}

/** A count with Indian digit grouping. */
export function count(value) {
	return (value === undefined || value === null) ? '—' : numberFormat.format(value);
}

/** A rate of 0..1 as a percentage, or a dash when there is none. */
export function rate(value) {
	return (value === undefined || value === null) ? '—' : (Math.round(value * 1000) / 10).toFixed(1) + '%';
}

/** Today's date in India, as yyyy-mm-dd. */
export function indiaToday(offsetDays = 0) {
	const date = new Date(Date.now() + offsetDays * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: INDIA, year: 'numeric', month: '2-digit', day: '2-digit' })
		.format(date);
}

/** A status pill. */
export function statusPill(status) {
	return h('span', { class: 'status ' + status, 'data-status': status }, status);
}

/** A message box; kind is error, ok or note. */
export function message(kind, ...children) {
	return h('p', { class: 'message ' + kind, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

/** Announces a change to screen readers. */
export function announce(text) {
	const status = document.getElementById('status');
	status.textContent = '';
	setTimeout(() => {
		status.textContent = text;
	}, 50);
}

/** A labelled form field. */
export function field(label, control, hint) {
	const id = control.id || ('f-' + Math.random().toString(36).slice(2, 9));
	control.id = id;
	return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('small', { class: 'muted' }, hint) : null);
}

/** A select with an empty first choice. */
export function select(name, choices, emptyLabel, value) {
	return h('select', { name },
		emptyLabel !== null ? h('option', { value: '' }, emptyLabel) : null,
		choices.map((choice) => {
			const [optionValue, optionLabel] = Array.isArray(choice) ? choice : [choice, choice];
			return h('option', { value: optionValue, selected: optionValue === value }, optionLabel);
		}));
}

/** A definition list of facts, skipping empty values. */
export function facts(entries) {
	return h('dl', { class: 'facts' }, entries.filter(([, value]) => value !== undefined && value !== null && value !== '')
		.map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}
