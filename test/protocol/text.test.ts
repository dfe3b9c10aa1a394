import { codeFrom, extractCode } from '../../protocol/code';
import { parseJsonLenient, redact, splitFirst } from '../../protocol/text';

describe('text helpers', () => {
	it('splits on the first colon only', () => {
		expect(splitFirst('STATUS_OK:12:34')).toEqual(['STATUS_OK', '12:34']);
		expect(splitFirst('STATUS_WAIT_CODE')).toEqual(['STATUS_WAIT_CODE', undefined]);
	});

	it("repairs the missing comma in the docs' getRentalSMS sample", () => {
		const sample = `{"status":"200","messages":[{
  "from":"Server 2",
  "text":"<#> Your WhatsApp Business code 740-279",
  "code":""
  "timestamp":"2026-03-09T20:57:32Z"
}]}`;
		expect(parseJsonLenient(sample)).toMatchObject({
			messages: [{ code: '', timestamp: '2026-03-09T20:57:32Z' }],
		});
		expect(parseJsonLenient('not json')).toBeUndefined();
	});

	it('redacts secrets', () => {
		expect(redact('GET /x?api_key=s3cret-key&a=1 failed: s3cret-key', ['s3cret-key'])).toBe(
			'GET /x?api_key=***&a=1 failed: ***',
		);
	});
});

describe('code extraction', () => {
	it.each([
		['<#> Your WhatsApp Business code 740-279', '740279'],
		['Your verification code is 847293', '847293'],
		['G-1234 is your Google code', '1234'],
		['Code: 12345678.', '12345678'],
		['Call +923001234567 now', null],
		['no digits', null],
	])('%s → %s', (text, code) => {
		expect(extractCode(text)).toBe(code);
	});

	it('prefers the provider code field and accepts a custom pattern', () => {
		expect(codeFrom('', 'code 740-279')).toBe('740279');
		expect(codeFrom('555111', 'code 740-279')).toBe('555111');
		expect(extractCode('PIN ABC-99', 'PIN ([A-Z]+-\\d+)')).toBe('ABC-99');
	});
});
