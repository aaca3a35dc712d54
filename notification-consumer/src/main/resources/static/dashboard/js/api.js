// Every data call goes through the admin API with the signed-in user's bearer token.
import * as session from './session.js';

const BASE = '/api/notifications';

/** An answer that was not 2xx: an RFC 9457 problem, shown by its detail. */
export class ApiError extends Error {

	constructor(status, problem) {
		super(problem.detail || problem.title || ('The service answered HTTP ' + status));
		this.status = status;
		this.code = problem.code;
		this.errors = Array.isArray(problem.errors) ? problem.errors : [];
	}

}

let onUnauthorized = () => {};

/** Calls back on a 401, so the user is sent to sign in with the reason. */
export function whenUnauthorized(callback) {
	onUnauthorized = callback;
}

/**
 * Calls the admin API.
 * @param path the path under /api/notifications, with its query string
 * @param options method and body (sent as JSON)
 * @returns the answer's JSON (null for an empty body)
 */
export async function call(path, { method = 'GET', body } = {}) {
	const headers = { Accept: 'application/json, application/problem+json' };
	const value = session.token();
	if (value) {
		headers.Authorization = 'Bearer ' + value;
	}
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	let response;
	try {
		response = await fetch(BASE + path, {
			method, headers, body: body !== undefined ? JSON.stringify(body) : undefined,
			cache: 'no-store', credentials: 'omit'
		});
	}
	catch (ex) {
		throw new ApiError(0, { detail: 'The service could not be reached (' + ex.message + '). Check that it is running.' });
	}
	const text = await response.text();
	let json = null;
	if (text) {
		try {
			json = JSON.parse(text);
		}
		catch {
			json = { detail: 'The service answered HTTP ' + response.status + ' with something that is not JSON' };
		}
	}
	if (!response.ok) {
		const error = new ApiError(response.status, json ?? {});
		if (response.status === 401) {
			onUnauthorized(error.message);
		}
		throw error;
	}
	return json;
}

/** Builds a query string from the non-empty values. */
export function query(values) {
	const parameters = new URLSearchParams();
	for (const [name, value] of Object.entries(values)) {
		if (value !== undefined && value !== null && String(value).trim() !== '') {
			parameters.set(name, String(value).trim());
		}
	}
	const text = parameters.toString();
	return text ? '?' + text : '';
}

/** A path segment, escaped (a phone number's + stays a +, which paths keep). */
export function segment(value) {
	return encodeURIComponent(value).replace(/%2B/g, '+');
}
