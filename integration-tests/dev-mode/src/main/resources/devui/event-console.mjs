// Drives the Dev UI page "Event console" of an application in dev mode, in headless Chromium, and prints what the
// page showed as JSON on stdout: the test that runs it asserts on that. Screenshots go to the given directory.
//
// node event-console.mjs <base url> <screenshot dir> <function> <event kind> <invalid input JSON>
import { chromium } from 'playwright-core';

const [baseUrl, shots, fn, kind, invalidInput] = process.argv.slice(2);
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const result = {};
try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1400 } });
    page.setDefaultTimeout(60000);
    await page.goto(`${baseUrl}/q/dev-ui/quarkus-functions/event-console`);
    // Playwright's CSS selectors go through the page's shadow roots
    await page.locator('#platform').waitFor();
    result.platform = await page.locator('#platform').textContent();
    result.functions = await page.locator('tr.fn').evaluateAll(rows => rows.map(r => ({
        name: r.dataset.function, cells: [...r.querySelectorAll('td')].map(td => td.textContent.trim()) })));
    await page.screenshot({ path: `${shots}/1-functions.png`, fullPage: true });

    await page.locator(`tr.fn[data-function="${fn}"]`).click();
    result.sampleInput = await page.locator('#input').inputValue();
    await page.locator('#kind').selectOption(kind);
    await page.locator('#build').click();
    await waitForValue(page, '#body');
    result.sampleEvent = await page.locator('#body').inputValue();
    await page.screenshot({ path: `${shots}/2-sample-event.png`, fullPage: true });

    result.valid = await send(page);
    await page.screenshot({ path: `${shots}/3-reply.png`, fullPage: true });

    // edit: the same trigger with an input the function rejects
    await page.locator('#input').fill(invalidInput);
    await page.locator('#build').click();
    await waitForChange(page, '#body', result.sampleEvent);
    result.invalid = await send(page, result.valid.requestId);
    await page.screenshot({ path: `${shots}/4-invalid-reply.png`, fullPage: true });

    // save the event, reload the page, replay it from the saved list
    await page.locator('#save-name').fill('rejected event');
    await page.locator('#save').click();
    await page.reload();
    await page.locator('tr.saved-event[data-name="rejected event"] button.replay').click();
    result.replayed = await waitForReply(page, result.invalid.requestId);
    await page.screenshot({ path: `${shots}/5-replayed.png`, fullPage: true });
} catch (e) {
    result.failure = String(e && e.stack || e);
} finally {
    await browser.close();
}
console.log(JSON.stringify(result));

async function waitForValue(page, selector) {
    for (;;) {
        if ((await page.locator(selector).inputValue()).length > 0) return;
        await page.waitForTimeout(50);
    }
}

async function waitForChange(page, selector, previous) {
    for (;;) {
        if ((await page.locator(selector).inputValue()) !== previous) return;
        await page.waitForTimeout(50);
    }
}

async function send(page, previousRequestId) {
    await page.locator('#send').click();
    return waitForReply(page, previousRequestId);
}

async function waitForReply(page, previousRequestId) {
    for (;;) {
        const id = page.locator('#request-id');
        if (await id.count() > 0) {
            const text = await id.textContent();
            if (text && text !== previousRequestId) break;
        }
        await page.waitForTimeout(50);
    }
    return {
        requestId: await page.locator('#request-id').textContent(),
        status: Number(await page.locator('#status').textContent()),
        headers: await page.locator('#reply-headers').textContent(),
        body: await page.locator('#reply-body').textContent(),
        invocations: await page.locator('#outcome tr.invocation').evaluateAll(rows => rows.map(
            r => [...r.querySelectorAll('td')].map(td => td.textContent.trim()))),
        logs: await page.locator('#logs').textContent(),
    };
}
