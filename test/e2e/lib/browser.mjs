// The editor as a person sees it: Debian's chromium driven by playwright-core, signed in with the owner's
// n8n-auth cookie. Every check saves a screenshot to docs/screenshots/ before it asserts, so a failing run
// still shows what was on the screen.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { authCookie, config } from './harness.mjs';

const CHROMIUM = process.env.OTPGET_E2E_CHROMIUM || '/usr/bin/chromium';
const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage',
];

export class Editor {
	async open() {
		// playwright gives each launch a fresh --user-data-dir.
		this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
		this.context = await this.browser.newContext({
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
		});
		const { hostname } = new URL(config.n8nUrl);
		await this.context.addCookies([
			{ name: 'n8n-auth', value: await authCookie(), domain: hostname, path: '/' },
		]);
		this.page = await this.context.newPage();
		this.page.setDefaultTimeout(30_000);
		this.consoleErrors = [];
		this.failedRequests = [];
		this.page.on('console', (m) => m.type() === 'error' && this.consoleErrors.push(m.text()));
		this.page.on(
			'response',
			(r) => r.status() >= 400 && this.failedRequests.push(`${r.status()} ${r.url()}`),
		);
		mkdirSync(config.screenshotsDir, { recursive: true });
	}

	async close() {
		await this.browser?.close();
	}

	async screenshot(name) {
		const file = join(config.screenshotsDir, `${name}.png`);
		await this.page.screenshot({ path: file });
		return file;
	}

	/** Opens a workflow in the editor; resolves when its canvas shows nodes. */
	async openWorkflow(id) {
		await this.page.goto(`${config.n8nUrl}/workflow/${id}`);
		if (/\/signin/.test(this.page.url()))
			throw new Error('the editor asked to sign in: the n8n-auth cookie was not accepted');
		await this.page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		await this.settle();
	}

	node(name) {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	/** Node names and types on the canvas. */
	async canvasNodes() {
		return await this.page.$$eval('[data-test-id="canvas-node"]', (els) =>
			els.map((e) => ({
				name: e.getAttribute('data-node-name'),
				type: e.getAttribute('data-node-type'),
			})),
		);
	}

	/** Per node: whether its icon is an image that loaded (a broken file: icon is an <img> with no pixels). */
	async nodeIcons(type) {
		return await this.page.$$eval(`[data-test-id="canvas-node"][data-node-type="${type}"]`, (els) =>
			els.map((e) => {
				const img = e.querySelector('img');
				return {
					name: e.getAttribute('data-node-name'),
					src: img?.getAttribute('src') ?? null,
					loaded: img ? img.complete && img.naturalWidth > 0 : e.querySelector('svg') !== null,
				};
			}),
		);
	}

	/** Double-clicks a node and waits for its panel (NDV). */
	async openNode(name) {
		await this.node(name).dblclick();
		await this.page.locator('[data-test-id="ndv"]').waitFor({ state: 'visible' });
		await this.settle();
	}

	ndv() {
		return this.page.locator('[data-test-id="ndv"]');
	}

	/** The value an options/string parameter shows in the open panel. */
	async parameterValue(name) {
		const input = this.ndv().locator(`[data-test-id="parameter-input-${name}"] input`).first();
		await input.waitFor({ state: 'visible' });
		return await input.inputValue();
	}

	async closeNode() {
		await this.page.locator('[data-test-id="ndv-close-button"]').click();
		await this.page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
	}

	async settle(ms = 800) {
		await this.page.waitForLoadState('networkidle').catch(() => {});
		await this.page.waitForTimeout(ms);
	}
}
