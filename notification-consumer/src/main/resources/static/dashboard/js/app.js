// The dashboard's shell: sign-in, navigation between pages, and sending the user back to
// sign in when the token is refused or expires.
import * as api from './api.js';
import * as session from './session.js';
import { h, show, message, announce } from './dom.js';
import * as overview from './pages/overview.js';
import * as historyPage from './pages/history.js';
import * as templates from './pages/templates.js';
import * as deadLetters from './pages/dead-letters.js';
import * as customers from './pages/customers.js';

const PAGES = {
	overview: { title: 'Overview', module: overview },
	history: { title: 'History', module: historyPage },
	templates: { title: 'Templates', module: templates },
	'dead-letters': { title: 'Dead letters', module: deadLetters },
	customers: { title: 'Customers', module: customers }
};

const signIn = document.getElementById('sign-in');
const signInMessage = document.getElementById('sign-in-message');
const page = document.getElementById('page');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

let me = null;

let renderCount = 0;

function route() {
	const hash = window.location.hash.replace(/^#\/?/, '');
	const [path, search] = hash.split('?');
	const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
	const name = PAGES[parts[0]] ? parts[0] : 'overview';
	return { name, parts: parts.slice(1), params: new URLSearchParams(search ?? '') };
}

/** Goes to a page, e.g. navigate('history', {phone: '+91…'}). */
export function navigate(name, params = {}, parts = []) {
	const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value)).toString();
	const target = '#/' + [name, ...parts.map(encodeURIComponent)].join('/') + (query ? '?' + query : '');
	if (window.location.hash === target) {
		render();
	}
	else {
		window.location.hash = target;
	}
}

/** Changes the address to match what a page shows, without rendering again. */
export function remember(name, params = {}, parts = []) {
	const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value)).toString();
	history.replaceState(null, '', '#/' + [name, ...parts.map(encodeURIComponent)].join('/') + (query ? '?' + query : ''));
}

function showSignIn(reason) {
	me = null;
	session.forget();
	nav.hidden = true;
	who.hidden = true;
	page.hidden = true;
	page.replaceChildren();
	signIn.hidden = false;
	signInMessage.hidden = !reason;
	signInMessage.textContent = reason ?? '';
	document.title = 'Sign in · EarlyBird notifications';
	document.getElementById('token').value = '';
	document.getElementById('token').focus();
}

async function start() {
	signIn.hidden = true;
	try {
		me = await api.call('/me');
	}
	catch (error) {
		if (error.status !== 401) {
			showSignIn(error.message);
		}
		return;
	}
	session.watchExpiry(me.expiresAt);
	document.getElementById('who-name').textContent = me.subject;
	document.getElementById('who-role').textContent = me.admin ? 'admin' : 'viewer';
	document.body.dataset.role = me.admin ? 'admin' : 'viewer';
	who.hidden = false;
	nav.hidden = false;
	page.hidden = false;
	await render();
}

async function render() {
	if (!me) {
		return;
	}
	const current = route();
	const definition = PAGES[current.name];
	for (const link of nav.querySelectorAll('a')) {
		if (link.dataset.page === current.name) {
			link.setAttribute('aria-current', 'page');
		}
		else {
			link.removeAttribute('aria-current');
		}
	}
	document.title = definition.title + ' · EarlyBird notifications';
	const container = h('div', { class: 'page', 'data-page': current.name });
	show(page, container);
	const mine = ++renderCount;
	try {
		await definition.module.render(container, { me, params: current.params, parts: current.parts, navigate, remember,
			stale: () => mine !== renderCount });
	}
	catch (error) {
		if (error.status === 401) {
			return;
		}
		container.append(message('error', error.message));
	}
	announce(definition.title + ' loaded');
}

document.getElementById('sign-in-form').addEventListener('submit', (event) => {
	event.preventDefault();
	const value = document.getElementById('token').value.trim().replace(/^Bearer\s+/i, '');
	if (!value) {
		return;
	}
	session.store(value);
	if (!window.location.hash.startsWith('#/')) {
		history.replaceState(null, '', '#/overview');
	}
	start();
});

document.getElementById('sign-out').addEventListener('click', () => showSignIn('You are signed out.'));

api.whenUnauthorized((detail) => showSignIn(detail.replace(/\.$/, '') + '. Sign in again.'));
session.whenExpired((reason) => showSignIn(reason));
window.addEventListener('hashchange', () => {
	if (session.takeTokenFromAddress()) {
		start();
	}
	else {
		render();
	}
});

session.takeTokenFromAddress();
if (session.token()) {
	start();
}
else {
	showSignIn(null);
}
