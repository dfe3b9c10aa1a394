/** mulberry32: tiny, seedable, good enough for ids, phones and codes. */
export class Rng {
	private s: number;

	constructor(private readonly seed: number) {
		this.s = seed >>> 0;
	}

	reset(): void {
		this.s = this.seed >>> 0;
	}

	next(): number {
		this.s = (this.s + 0x6d2b79f5) >>> 0;
		let t = this.s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(maxExclusive: number): number {
		return Math.floor(this.next() * maxExclusive);
	}

	/** n decimal digits; leading zeros allowed on purpose (a client must keep codes as strings). */
	digits(n: number): string {
		let out = '';
		for (let i = 0; i < n; i++) out += String(this.int(10));
		return out;
	}

	pick(alphabet: string, n: number): string {
		let out = '';
		for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
		return out;
	}
}

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
