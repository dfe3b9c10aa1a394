/** Binary min-heap: push/pop in O(log n), peek in O(1). Ties keep no order; callers add a sequence number. */
export class MinHeap<T> {
	private readonly items: T[] = [];

	constructor(private readonly less: (a: T, b: T) => boolean) {}

	get size(): number {
		return this.items.length;
	}

	peek(): T | undefined {
		return this.items[0];
	}

	push(item: T): void {
		const items = this.items;
		items.push(item);
		let i = items.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!this.less(items[i], items[parent])) break;
			[items[i], items[parent]] = [items[parent], items[i]];
			i = parent;
		}
	}

	pop(): T | undefined {
		const items = this.items;
		const top = items[0];
		const last = items.pop();
		if (items.length === 0 || last === undefined) return top;
		items[0] = last;
		let i = 0;
		for (;;) {
			const left = 2 * i + 1;
			const right = left + 1;
			let smallest = i;
			if (left < items.length && this.less(items[left], items[smallest])) smallest = left;
			if (right < items.length && this.less(items[right], items[smallest])) smallest = right;
			if (smallest === i) break;
			[items[i], items[smallest]] = [items[smallest], items[i]];
			i = smallest;
		}
		return top;
	}
}

/** FIFO queue with O(1) shift: an array and a head index, compacted once the dead prefix dominates. */
export class Queue<T> {
	private items: T[] = [];
	private head = 0;

	get size(): number {
		return this.items.length - this.head;
	}

	push(item: T): void {
		this.items.push(item);
	}

	peek(): T | undefined {
		return this.head < this.items.length ? this.items[this.head] : undefined;
	}

	shift(): T | undefined {
		if (this.head >= this.items.length) return undefined;
		const item = this.items[this.head++];
		if (this.head > 1024 && this.head * 2 > this.items.length) {
			this.items = this.items.slice(this.head);
			this.head = 0;
		}
		return item;
	}
}
