// Templates: the ten templates in both languages, edits checked and previewed against the
// template's sample event before saving, errors next to their fields, and the versions.
import { call, segment } from '../api.js';
import { h, show, time, message, announce } from '../dom.js';
import { TEMPLATE_TYPES } from '../catalog.js';

const LANGUAGE_NAMES = { en: 'English', hi: 'Hindi' };

/** What to tell the user once the page has been drawn again after a save. */
let flash = null;

function languageName(code) {
	return LANGUAGE_NAMES[code] ? LANGUAGE_NAMES[code] + ' (' + code + ')' : code;
}

function previewBlock(language, preview) {
	return h('div', { 'data-preview': language },
		h('h3', null, languageName(language)),
		h('p', { class: 'whatsapp', lang: language, 'data-preview-text': language }, preview.body),
		h('p', { class: 'muted' }, 'MyOperator template ', h('span', { class: 'mono' }, preview.providerTemplateName + ' (' + preview.providerLanguage + ')')),
		h('ol', { lang: language, 'data-preview-parameters': language }, preview.parameters.map((value) => h('li', null, value))));
}

export async function render(container, { me, parts, navigate, stale }) {
	const list = await call('/templates');
	if (stale()) {
		return;
	}
	const byType = Object.fromEntries(list.map((template) => [template.type, template]));
	const chosen = TEMPLATE_TYPES.includes(parts[0]) ? parts[0] : null;
	container.append(h('h1', null, 'Templates'),
		h('nav', { 'aria-label': 'Templates', class: 'card' }, h('ul', { class: 'template-list' }, TEMPLATE_TYPES.map((type) => {
			const template = byType[type];
			return h('li', null, h('a', { href: '#/templates/' + type, 'aria-current': type === chosen ? 'true' : null, 'data-template': type },
				h('strong', null, type),
				h('small', null, template ? template.category + ' · v' + template.version + ' · ' + Object.keys(template.translations).join(', ') : 'not stored yet')));
		}))));
	if (!chosen) {
		container.append(h('p', { class: 'muted' }, 'Choose a template to see it in both languages, preview an edit and see its versions.'));
		return;
	}
	const editorArea = h('div');
	container.append(editorArea);
	await renderEditor(editorArea, chosen, me, navigate, stale);
}

async function renderEditor(area, type, me, navigate, stale) {
	const [details, versions] = await Promise.all([call('/templates/' + segment(type)), call('/templates/' + segment(type) + '/versions')]);
	if (stale()) {
		return;
	}
	const languages = Object.keys(details.translations).sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
	const errorSlots = new Map();
	const controls = new Map();
	const readOnly = !me.admin;

	function slot(fieldPath) {
		const element = h('p', { class: 'field-error', id: 'error-' + fieldPath.replace(/[^a-zA-Z0-9]/g, '-'), 'data-error-for': fieldPath, hidden: true });
		errorSlots.set(fieldPath, element);
		return element;
	}

	function control(fieldPath, element) {
		element.dataset.field = fieldPath;
		element.setAttribute('aria-describedby', 'error-' + fieldPath.replace(/[^a-zA-Z0-9]/g, '-'));
		if (readOnly) {
			element.readOnly = true;
		}
		controls.set(fieldPath, element);
		element.addEventListener('input', schedulePreview);
		return element;
	}

	const parameterLists = {};

	function parameterRow(language, index, value) {
		const path = `translations.${language}.parameters[${index}]`;
		const input = control(path, h('input', { type: 'text', value, 'aria-label': `${languageName(language)} parameter {{${index + 1}}}`, spellcheck: 'false' }));
		const remove = readOnly ? null : h('button', { type: 'button', 'aria-label': `Remove parameter {{${index + 1}}} of ${languageName(language)}` }, 'Remove');
		const row = h('div', null, h('div', { class: 'param-row' }, h('span', { class: 'param-label' }, `{{${index + 1}}}`), input, remove), slot(path));
		remove?.addEventListener('click', () => {
			const values = readParameters(language).filter((_, i) => i !== index);
			fillParameters(language, values);
			schedulePreview();
		});
		return row;
	}

	function fillParameters(language, values) {
		for (const key of [...controls.keys()].filter((key) => key.startsWith(`translations.${language}.parameters[`))) {
			controls.delete(key);
			errorSlots.delete(key);
		}
		show(parameterLists[language], values.map((value, i) => parameterRow(language, i, value)));
	}

	function readParameters(language) {
		return [...parameterLists[language].querySelectorAll('input')].map((input) => input.value);
	}

	const fieldsets = languages.map((language) => {
		const translation = details.translations[language];
		const base = `translations.${language}`;
		parameterLists[language] = h('div');
		const add = readOnly ? null : h('button', { type: 'button' }, 'Add parameter');
		add?.addEventListener('click', () => {
			fillParameters(language, [...readParameters(language), '']);
			schedulePreview();
		});
		const name = control(base + '.providerTemplateName', h('input', { type: 'text', value: translation.providerTemplateName, spellcheck: 'false' }));
		const providerLanguage = control(base + '.providerLanguage', h('input', { type: 'text', value: translation.providerLanguage, size: 6, spellcheck: 'false' }));
		const body = control(base + '.body', h('textarea', { rows: 9, lang: language, spellcheck: 'false' }));
		body.value = translation.body;
		const fieldset = h('fieldset', { 'data-language': language },
			h('legend', null, languageName(language)),
			slot(base),
			h('div', { class: 'toolbar' },
				h('div', { class: 'field' }, h('label', { for: `${type}-${language}-name` }, 'MyOperator template'), name, slot(base + '.providerTemplateName')),
				h('div', { class: 'field' }, h('label', { for: `${type}-${language}-lang` }, 'Its language'), providerLanguage, slot(base + '.providerLanguage'))),
			h('p', { class: 'muted' }, 'Parameters (FreeMarker, one line each), in the approved template\'s order:'),
			parameterLists[language], slot(base + '.parameters'), add,
			h('div', { class: 'field wide' }, h('label', { for: `${type}-${language}-body` }, 'Body (FreeMarker: the full text as the customer reads it)'), body, slot(base + '.body')));
		name.id = `${type}-${language}-name`;
		providerLanguage.id = `${type}-${language}-lang`;
		body.id = `${type}-${language}-body`;
		fillParameters(language, translation.parameters);
		return fieldset;
	});

	const countChanged = h('input', { type: 'checkbox', id: 'parameter-count-changed', disabled: readOnly });
	countChanged.addEventListener('change', schedulePreview);
	const formMessage = h('div', { 'data-region': 'form-message', 'aria-live': 'polite' });
	const save = readOnly ? null : h('button', { type: 'submit', class: 'primary', 'data-action': 'save' }, 'Save as version ' + (details.version + 1));
	const form = h('form', { 'aria-label': 'Edit ' + type, novalidate: true },
		formMessage, slot('translations'), fieldsets,
		readOnly ? h('p', { class: 'muted' }, 'Editing needs the admin role; you can read the template and its versions.')
			: h('div', { class: 'toolbar' },
				h('div', { class: 'checks' }, h('label', null, countChanged, ' The approved template was re-approved with a different parameter count')),
				save));
	const previews = h('div', { 'data-region': 'previews', 'aria-live': 'polite' });
	const previewStatus = h('p', { class: 'muted', 'data-region': 'preview-status' }, 'Rendered with the template\'s sample event (customer Priya).');

	function showPreviews(byLanguage) {
		show(previews, Object.entries(byLanguage).sort(([a], [b]) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)))
			.map(([language, preview]) => previewBlock(language, preview)));
	}

	function clearErrors() {
		for (const [, element] of errorSlots) {
			element.hidden = true;
			element.textContent = '';
		}
		for (const [, element] of controls) {
			element.removeAttribute('aria-invalid');
		}
	}

	function showErrors(errors) {
		clearErrors();
		for (const error of errors) {
			let path = error.field;
			while (path && !errorSlots.has(path)) {
				path = path.includes('[') ? path.replace(/\[\d+\]$/, '') : path.substring(0, Math.max(path.lastIndexOf('.'), 0));
			}
			const target = errorSlots.get(path || 'translations');
			target.hidden = false;
			target.textContent = (target.textContent ? target.textContent + ' ' : '') + error.message;
			controls.get(path)?.setAttribute('aria-invalid', 'true');
		}
	}

	function change() {
		const translations = {};
		for (const language of languages) {
			const base = `translations.${language}`;
			translations[language] = {
				providerTemplateName: controls.get(base + '.providerTemplateName').value.trim(),
				providerLanguage: controls.get(base + '.providerLanguage').value.trim(),
				parameters: readParameters(language),
				body: controls.get(base + '.body').value
			};
		}
		return { translations, parameterCountChanged: countChanged.checked, expectedVersion: details.version };
	}

	let previewTimer = null;
	let previewRun = 0;

	function schedulePreview() {
		if (readOnly) {
			return;
		}
		clearTimeout(previewTimer);
		previewTimer = setTimeout(livePreview, 400);
	}

	async function livePreview() {
		const run = ++previewRun;
		previewStatus.textContent = 'Checking the edit…';
		try {
			const answer = await call('/templates/' + segment(type) + '/preview', { method: 'POST', body: change() });
			if (run !== previewRun) {
				return;
			}
			if (answer.valid) {
				clearErrors();
				showPreviews(answer.previews);
				previewStatus.textContent = 'Preview of your unsaved edit, rendered with the sample event.';
			}
			else {
				showErrors(answer.errors);
				previewStatus.textContent = 'Your edit has ' + answer.errors.length + ' problem' + (answer.errors.length === 1 ? '' : 's')
					+ ' (shown next to the fields); the preview shows the last version that rendered.';
			}
		}
		catch (error) {
			previewStatus.textContent = error.message;
		}
	}

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		if (readOnly) {
			return;
		}
		clearTimeout(previewTimer);
		previewRun++;
		save.disabled = true;
		show(formMessage);
		try {
			const saved = await call('/templates/' + segment(type), { method: 'PUT', body: change() });
			announce('Saved version ' + saved.version);
			flash = 'Saved ' + type + ' as version ' + saved.version + '.';
			navigate('templates', {}, [type]);
		}
		catch (error) {
			if (error.status === 401) {
				return;
			}
			showErrors(error.errors);
			show(formMessage, message('error', error.message));
			save.disabled = false;
			const firstInvalid = form.querySelector('[aria-invalid="true"]');
			(firstInvalid ?? formMessage).focus?.();
		}
	});

	showPreviews(details.previews);
	show(area,
		h('div', { class: 'split' },
			h('section', { class: 'card', 'aria-labelledby': 'editor-title', 'data-section': 'editor' },
				h('h2', { id: 'editor-title' }, type, ' ', h('span', { class: 'muted', 'data-template-version': details.version }, 'v' + details.version + ', ' + details.category)),
				h('p', { class: 'muted' }, 'Saved ' + time(details.updatedAt) + ' by ' + details.updatedBy + '.'),
				form),
			h('section', { class: 'card', 'aria-labelledby': 'preview-title', 'data-section': 'preview' },
				h('h2', { id: 'preview-title' }, 'Preview'), previewStatus, previews)),
		h('section', { class: 'card', 'aria-labelledby': 'versions-title', 'data-section': 'versions' },
			h('h2', { id: 'versions-title' }, 'Versions'), versionsTable(versions, details.version)));
	if (flash) {
		formMessage.append(message('ok', flash));
		flash = null;
	}
}

function versionText(version) {
	return h('details', null, h('summary', null, 'Show the text'),
		Object.entries(version.translations).map(([language, translation]) => [
			h('h3', null, languageName(language)),
			h('p', { class: 'whatsapp', lang: language }, translation.body),
			h('p', { class: 'mono' }, 'Parameters: ' + translation.parameters.join(' · '))]));
}

function versionsTable(versions, current) {
	const rows = versions.map((version) => h('tr', { 'data-version': version.version },
		h('td', { class: 'num' }, version.version + (version.version === current ? ' (current)' : '')),
		h('td', null, time(version.updatedAt)),
		h('td', null, version.updatedBy),
		h('td', null, versionText(version))));
	return h('div', { class: 'table-wrap' }, h('table', { 'data-table': 'versions' },
		h('thead', null, h('tr', null, ['Version', 'Saved', 'By', 'Text'].map((label) => h('th', { scope: 'col' }, label)))),
		h('tbody', null, rows)));
}
