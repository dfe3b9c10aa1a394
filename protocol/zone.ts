import { toIsoTime } from './jsonAnswer';
import { toStringValue } from './text';

const NO_ZONE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
	let format = formats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formats.set(timeZone, format);
	}
	return format;
}

/** Whether `timeZone` is an IANA name (or UTC) this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
	try {
		formatFor(timeZone);
		return true;
	} catch {
		return false;
	}
}

/** The zone's offset from UTC at the instant `utcMs`, in ms (Asia/Karachi: +5 h). */
function offsetMs(timeZone: string, utcMs: number): number {
	const parts = formatFor(timeZone).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const wall = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour') % 24,
		get('minute'),
		get('second'),
	);
	return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * A provider time without a zone ('2026-04-09 21:55:55') read as wall-clock time in `timeZone`, as ISO-8601
 * UTC. A value that carries a zone keeps it; anything that is not a date gives null. UTC (or no zone) is
 * exactly toIsoTime. The offset is looked up twice so a time next to a DST change lands on the right side.
 */
export function zonedIsoTime(value: unknown, timeZone = 'UTC'): string | null {
	const text = toStringValue(value).trim();
	const m = NO_ZONE.exec(text);
	if (!m || timeZone === '' || timeZone.toUpperCase() === 'UTC') return toIsoTime(value);
	const wall = Date.UTC(
		Number(m[1]),
		Number(m[2]) - 1,
		Number(m[3]),
		Number(m[4]),
		Number(m[5]),
		Number(m[6] ?? 0),
	);
	if (!Number.isFinite(wall) || toIsoTime(text) === null) return null;
	const first = wall - offsetMs(timeZone, wall);
	const ms = wall - offsetMs(timeZone, first);
	return new Date(ms).toISOString();
}
