import { HeadlessChromium } from "../support/browser.ts";
import { openingAt1280 } from "./contract.ts";
await using browser = await HeadlessChromium.launch();
for (const f of Deno.args) console.log(f, JSON.stringify(await openingAt1280(browser, f)));
