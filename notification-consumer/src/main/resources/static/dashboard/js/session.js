// The signed-in user's token: kept in sessionStorage (this tab only), never in the URL.

const KEY = 'earlybird.dashboard.token';

let expiryTimer = null;

let onExpired = () => {};

/** The stored token, or null. */
export function token() {
	return sessionStorage.getItem(KEY);
}

/** Stores a token. */
export function store(value) {
	sessionStorage.setItem(KEY, value);
}

/** Forgets the token. */
export function forget() {
	sessionStorage.removeItem(KEY);
	clearTimeout(expiryTimer);
}

/** Calls back when the token runs out, so the user is sent to sign in. */
export function whenExpired(callback) {
	onExpired = callback;
}

/** Signs the user out when the token's exp passes (the API would refuse it from then on). */
export function watchExpiry(expiresAt) {
	clearTimeout(expiryTimer);
	if (!expiresAt) {
		return;
	}
	const left = new Date(expiresAt).getTime() - Date.now();
	// setTimeout cannot wait longer than about 24.8 days; a later expiry is checked on use.
	if (left < 2_000_000_000) {
		expiryTimer = setTimeout(() => onExpired('Your token expired at ' + new Date(expiresAt).toLocaleString('en-IN')
			+ '. Sign in again with a new one.'), Math.max(left, 0));
	}
}

/** Reads a token from a sign-in link (#token=...) and removes it from the address bar. */
export function takeTokenFromAddress() {
	const hash = window.location.hash;
	if (!hash.startsWith('#token=')) {
		return false;
	}
	const value = decodeURIComponent(hash.substring('#token='.length)).trim();
	history.replaceState(null, '', window.location.pathname + window.location.search + '#/overview');
	if (value) {
		store(value);
	}
	return value.length > 0;
}
