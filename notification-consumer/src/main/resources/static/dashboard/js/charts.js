// Hand-written SVG charts: two kinds, drawn with DOM calls and styled by dashboard.css,
// so no library, no inline style and nothing the Content-Security-Policy would block.
import { h, s, count } from './dom.js';

/** The top of a scale with four equal whole-number steps, e.g. 40 for 33 or 4 for 3. */
function niceMax(value) {
	const rough = Math.max(value, 1) / 4;
	const magnitude = 10 ** Math.floor(Math.log10(rough));
	for (const step of [1, 2, 2.5, 5, 10]) {
		const candidate = step * magnitude;
		if (candidate >= rough && Number.isInteger(candidate)) {
			return candidate * 4;
		}
	}
	return 40 * magnitude;
}

function shortDate(isoDate) {
	const [year, month, day] = isoDate.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en-IN', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/**
 * A line per series over days.
 * @param days [{date: 'yyyy-mm-dd', sent: n, ...}], oldest first
 * @param series the keys to draw, e.g. ['sent', 'delivered', 'read', 'failed']
 * @param title what the chart shows, for screen readers
 */
export function lineChart(days, series, title) {
	const width = 640;
	const height = 260;
	const left = 44;
	const right = 12;
	const top = 12;
	const bottom = 34;
	const max = niceMax(Math.max(0, ...days.flatMap((day) => series.map((key) => day[key] ?? 0))));
	const x = (i) => left + (days.length <= 1 ? (width - left - right) / 2 : i * (width - left - right) / (days.length - 1));
	const y = (value) => top + (height - top - bottom) * (1 - value / max);
	const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
		s('title', null, title));
	for (let i = 0; i <= 4; i++) {
		const value = max * i / 4;
		svg.append(s('line', { class: 'grid-line', x1: left, x2: width - right, y1: y(value), y2: y(value) }),
			s('text', { x: left - 6, y: y(value) + 4, 'text-anchor': 'end' }, count(Math.round(value))));
	}
	svg.append(s('line', { class: 'axis', x1: left, x2: width - right, y1: y(0), y2: y(0) }));
	const every = Math.max(1, Math.ceil(days.length / 8));
	days.forEach((day, i) => {
		if (i % every === 0 || i === days.length - 1) {
			svg.append(s('text', { x: x(i), y: height - bottom + 18, 'text-anchor': 'middle' }, shortDate(day.date)));
		}
	});
	for (const key of series) {
		const points = days.map((day, i) => `${x(i).toFixed(1)},${y(day[key] ?? 0).toFixed(1)}`);
		if (days.length > 1) {
			svg.append(s('polyline', { class: 'series ' + key, points: points.join(' ') }));
		}
		days.forEach((day, i) => svg.append(s('circle', { class: 'dot ' + key, cx: x(i), cy: y(day[key] ?? 0), r: 3 })));
	}
	return h('figure', { class: 'chart-figure' }, svg, legend(series));
}

/**
 * One stacked horizontal bar per row.
 * @param rows [{label, total: n, sent: n, failed: n, ...}]; the number at a bar's end is total
 * @param series the keys to stack, in order
 * @param title what the chart shows, for screen readers
 */
export function barChart(rows, series, title) {
	const width = 640;
	const rowHeight = 26;
	const left = 170;
	const right = 56;
	const top = 6;
	const height = top + rows.length * rowHeight + 8;
	const max = niceMax(Math.max(0, ...rows.map((row) => series.reduce((sum, key) => sum + (row[key] ?? 0), 0))));
	const scale = (value) => (width - left - right) * value / max;
	const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${Math.max(height, 40)}`, role: 'img', 'aria-label': title },
		s('title', null, title));
	rows.forEach((row, i) => {
		const y = top + i * rowHeight;
		svg.append(s('text', { x: left - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end' }, row.label));
		let offset = left;
		let total = 0;
		for (const key of series) {
			const value = row[key] ?? 0;
			if (value > 0) {
				svg.append(s('rect', { class: 'bar ' + key, x: offset, y: y + 4, width: Math.max(scale(value), 1), height: rowHeight - 8 },
					s('title', null, `${row.label}: ${count(value)} ${key}`)));
				offset += scale(value);
				total += value;
			}
		}
		svg.append(s('text', { x: offset + 6, y: y + rowHeight / 2 + 4 }, count(row.total ?? total)));
	});
	if (rows.length === 0) {
		svg.append(s('text', { x: width / 2, y: 24, 'text-anchor': 'middle' }, 'No notifications in this window'));
	}
	return h('figure', { class: 'chart-figure' }, svg, legend(series));
}

function legend(series) {
	return h('ul', { class: 'legend', 'aria-hidden': 'true' }, series.map((key) => h('li', { class: key }, key)));
}
