import { OTPGET } from '../../protocol/providers';
import { extractCode, codeFrom } from '../../protocol/code';
import { decode } from '../../protocol/decode';
import { parseStatus } from '../../protocol/sms';

// Known bugs: STATUS_OK carrying the whole SMS came out as the code, and an empty-matching pattern gave code "".
describe('STATUS_OK with the whole SMS text', () => {
	it('yields the code with the default pattern and keeps the text', () => {
		const body = "STATUS_OK:Your WhatsApp code is 123-456. Don't share";
		expect(decode({ status: 200, body }, parseStatus, OTPGET)).toMatchObject({
			status: 'received',
			code: '123456',
			text: "Your WhatsApp code is 123-456. Don't share",
		});
	});

	it('reads a bare code as sent, and a text without a code as no code', () => {
		expect(parseStatus('STATUS_OK:847293')).toMatchObject({ code: '847293', text: '847293' });
		expect(parseStatus('STATUS_OK:740-279')).toMatchObject({ code: '740279' });
		expect(parseStatus('STATUS_OK:AB12CD')).toMatchObject({ code: 'AB12CD' });
		expect(parseStatus('STATUS_OK:Welcome to the service, no code here')).toMatchObject({
			status: 'received',
			code: null,
		});
	});

	it('applies a custom pattern to the text', () => {
		expect(parseStatus('STATUS_OK:PIN ABC-99 for login', 'PIN ([A-Z]+-\\d+)')).toMatchObject({
			code: 'ABC-99',
		});
		expect(parseStatus('STATUS_OK:847293', 'PIN ([A-Z]+-\\d+)')).toMatchObject({ code: '847293' });
	});
});

describe('a code pattern that matches the empty string', () => {
	it.each([
		['\\d*', 'no digits here'],
		['(x?)', 'abc'],
		['', 'anything'],
		['(\\d*)', ''],
	])('%s on "%s" gives no code', (pattern, text) => {
		expect(extractCode(text, pattern)).toBeNull();
		expect(codeFrom('', text, pattern)).toBeNull();
	});

	it('still finds a non-empty match further on', () => {
		expect(extractCode('code 1234', '\\d*')).toBe('1234');
		expect(extractCode('code 1234', '(\\d*)')).toBe('1234');
	});
});
