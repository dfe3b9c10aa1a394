/** One code extractor for Wait for OTP and the Trigger: the same SMS gives the same code in both nodes. */
import { messageCode } from '../../protocol/code';

describe('messageCode', () => {
	it("without a pattern: the provider's field first, else the default pattern (740-279 typed as 740279)", () => {
		expect(messageCode(' 1234 ', 'Your code 5678')).toBe('1234');
		expect(messageCode('', 'Your WhatsApp code 740-279')).toBe('740279');
		expect(messageCode(null, 'no digits here')).toBeNull();
	});

	it("with a pattern: its first non-empty match, trimmed, else the provider's field; never an empty code", () => {
		expect(messageCode('9999', 'code: 4321 ', 'code:(\\s*\\d{4}\\s*)')).toBe('4321');
		expect(messageCode('9999', 'no match', 'code:(\\d{4})')).toBe('9999');
		expect(messageCode('', 'Hello', '(\\d*)')).toBeNull();
	});
});
