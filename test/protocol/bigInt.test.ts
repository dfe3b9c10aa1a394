import { parseJsonLenient } from '../../protocol/text';

describe('integers of 16+ digits in provider JSON are read losslessly (issue 17 item 5)', () => {
	it('keeps a bare 19-digit id exact, as text', () => {
		expect(parseJsonLenient('{"order_id":2673093356180000583,"price":840.00}')).toEqual({
			order_id: '2673093356180000583',
			price: 840,
		});
	});

	it('leaves strings, fractions, exponents and short numbers alone', () => {
		const json =
			'{"a":"x 2673093356180000583","n":-12345678901234567,"f":1.2345678901234567e5,"g":0.12345678901234567,"s":123456789012345,"l":[1234567890123456]}';
		expect(parseJsonLenient(json)).toEqual({
			a: 'x 2673093356180000583',
			n: '-12345678901234567',
			f: JSON.parse('1.2345678901234567e5') as number,
			g: JSON.parse('0.12345678901234567') as number,
			s: 123456789012345,
			l: ['1234567890123456'],
		});
	});
});
