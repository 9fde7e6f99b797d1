/**
 * `deno task explore` pages in real Chromium, opened from file://: they run the model, a moved control
 * or a changed fragment changes the numbers, the numbers equal `deno task sim`'s for the same parameters
 * and seed (through the command the page shows), a bad fragment value is named as text and ignored, and
 * nothing breaks the page's Content-Security-Policy.
 */
import { assert, assertEquals } from "@std/assert";
import { task } from "../support/task.ts";
import { finalMedians, launch, updated } from "./chromium.ts";
import { simFinalMedians } from "./cli_csv.ts";

const dir = await Deno.makeTempDir({ prefix: "explore-page-" });

/** Writes the explorer page of `model` through the task and returns its file:// URL. */
async function explorePage(model: string, args: string[] = []): Promise<string> {
  const out = `${dir}/${model}.html`;
  const result = await task("explore", [model, ...args, "--out", out]);
  assertEquals(result.code, 0, result.stderr);
  return `file://${out}`;
}

/** The page's `deno task sim …` command (its first line) as the arguments after `sim`. */
async function shownCommand(page: import("playwright-core").Page): Promise<string[]> {
  const text = (await page.locator("pre.command").textContent())!.split("\n")[0];
  const words = text.split(" ");
  assertEquals(words.slice(0, 3), ["deno", "task", "sim"]);
  return words.slice(3).filter((w) => !w.startsWith("--out") && !w.startsWith("data/"));
}

const CSP_WORDS = /Content Security Policy|Refused to/i;

Deno.test({
  name: "explore pages in Chromium",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const browser = await launch();
    try {
      const honey = await explorePage("honey", ["--set", "throttle=0.05"]);

      await t.step("the page is one file well under 1 MB, its one script allowed by hash", async () => {
        const html = await Deno.readTextFile(new URL(honey).pathname);
        assert(html.length < 1_000_000, `${html.length} bytes`);
        const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1];
        assert(csp.startsWith("default-src 'none'; script-src 'sha256-"), csp);
        assert(!/unsafe-eval|'unsafe-inline'[^;]*;.*script|script-src[^;]*unsafe-inline/.test(csp), csp);
        assertEquals(html.match(/<script/g)?.length, 1);
        assert(!/\son[a-z]+=/i.test(html.replace(/<script>[^]*<\/script>/, "")), "an inline handler");
      });

      await t.step("from file://, the numbers equal the CLI's for the same parameters and seed", async () => {
        const { page, messages } = await browser.page();
        await page.goto(`${honey}#throttle=0.05&seed=7&runs=10`);
        await updated(page, 1);
        const shown = await finalMedians(page);
        const args = await shownCommand(page);
        assertEquals(args, [
          "honey",
          "--set",
          "throttle=0.05",
          "--runs",
          "10",
          "--steps",
          "120",
          "--seed",
          "7",
        ]);
        const cli = await simFinalMedians(args);
        assertEquals(shown, cli);
        assert(Object.keys(shown).includes("price"));
        assertEquals(messages.filter((m) => CSP_WORDS.test(m) || m.startsWith("pageerror")), []);
        await page.close();
      });

      await t.step("moving a control and changing the fragment change the numbers and the link", async () => {
        const { page, messages } = await browser.page();
        await page.goto(`${honey}#throttle=0.05&seed=7&runs=10`);
        await updated(page, 1);
        const before = await finalMedians(page);
        await page.locator('input[data-param="throttle"]').fill("0.02");
        await page.locator('input[data-param="throttle"]').press("Enter");
        await updated(page, 2);
        const moved = await finalMedians(page);
        assert(moved.total_supply !== before.total_supply, "the supply did not change with the throttle");
        assert(page.url().includes("throttle=0.02"), page.url());
        assertEquals(moved, await simFinalMedians(await shownCommand(page)));

        await page.evaluate(() => location.hash = "#throttle=0.05&seed=8&runs=10");
        await updated(page, 3);
        const reseeded = await finalMedians(page);
        assert(reseeded.price !== before.price, "another seed gave the same price");
        assertEquals(await page.locator('input[data-param="seed"]').inputValue(), "8");
        // Back to the settings the page was written with (--set throttle=0.05, the model's seed and runs).
        await page.getByText("back to the opening settings").click();
        await updated(page, 4);
        assertEquals(await page.locator('input[data-param="throttle"]').inputValue(), "0.05");
        assertEquals(await page.locator('input[data-param="seed"]').inputValue(), "42");
        assert(page.url().endsWith("#throttle=0.05&seed=42&runs=10"), page.url());
        assertEquals(messages.filter((m) => CSP_WORDS.test(m) || m.startsWith("pageerror")), []);
        await page.close();
      });

      await t.step("a bad fragment value is named as text and ignored", async () => {
        const { page } = await browser.page();
        const hostile = encodeURIComponent("<img src=x onerror=alert(1)>");
        await page.goto(`${honey}#p_pull=2&runs=0x10&seed=7&${hostile}=1&throtle=0.1&growth=${hostile}`);
        await updated(page, 1);
        const problems = await page.locator("ul.problems li").allTextContents();
        const text = problems.join("\n");
        assert(text.includes("'p_pull'") && text.includes("expected a number in [0, 1]"), text);
        assert(text.includes("runs"), text);
        assert(text.includes("did you mean throttle?"), text);
        assert(text.includes("<img src=x onerror=alert(1)>"), "the hostile key is shown as text");
        assertEquals(await page.locator(".explorer img").count(), 0);
        assertEquals(await page.locator('input[data-param="p_pull"]').inputValue(), "0.75");
        assertEquals(await page.locator('input[data-param="runs"]').inputValue(), "10");
        assertEquals(await page.locator('input[data-param="seed"]').inputValue(), "7");
        await page.close();
      });

      await t.step("where the page may start no worker, it runs the model itself: same numbers", async () => {
        const html = await Deno.readTextFile(new URL(honey).pathname);
        const noWorker = `${dir}/honey-no-worker.html`;
        await Deno.writeTextFile(noWorker, html.replace("worker-src blob:; ", ""));
        const { page } = await browser.page();
        await page.goto(`${honey}#throttle=0.05&seed=7&runs=10`);
        await updated(page, 1);
        const inWorker = await finalMedians(page);
        assertEquals(page.workers().length, 1);
        await page.goto(`file://${noWorker}#throttle=0.05&seed=7&runs=10`);
        await updated(page, 1);
        assertEquals(page.workers().length, 0);
        assertEquals(await finalMedians(page), inWorker);
        await page.close();
      });

      await t.step("a compare setting is drawn beside the first and tabulated", async () => {
        const { page } = await browser.page();
        await page.goto(`${honey}#seed=7&runs=10&vs.throttle=0.02`);
        await updated(page, 1);
        const a = await finalMedians(page, "a");
        const b = await finalMedians(page, "b");
        assert(a.total_supply !== b.total_supply);
        const lines = (await page.locator("pre.command").textContent())!.split("\n");
        assertEquals(lines.length, 3);
        assert(lines[1].includes("--set throttle=0.02"), lines[1]);
        assert(lines[2].startsWith("deno task compare "), lines[2]);
        await page.close();
      });

      await t.step("an agent-based model (BITrewards) in the worker equals the CLI", async () => {
        const page1 = await explorePage("bitrewards");
        const { page, messages } = await browser.page();
        await page.goto(`${page1}#seed=3&runs=3&steps=30`);
        await updated(page, 1);
        const shown = await finalMedians(page);
        assertEquals(shown, await simFinalMedians(await shownCommand(page)));
        assertEquals(messages.filter((m) => CSP_WORDS.test(m) || m.startsWith("pageerror")), []);
        await page.close();
      });

      await t.step("gonka's exact-integer columns equal the CLI's too", async () => {
        const url = await explorePage("gonka");
        const { page } = await browser.page();
        await page.goto(`${url}#seed=5&runs=2&steps=300`);
        await updated(page, 1);
        const shown = await finalMedians(page);
        assert(shown.total_minted > 0);
        assertEquals(shown, await simFinalMedians(await shownCommand(page)));
        await page.close();
      });

      await t.step("heavy models run in the worker, the page showing progress and staying live", async () => {
        for (
          const [model, progress] of [["bitrewards", /running: \d+ of 8 runs/], [
            "datadao",
            /running, /,
          ]] as const
        ) {
          const url = await explorePage(model);
          const { page, messages } = await browser.page();
          await page.goto(url);
          // Polled from here: each status seen while the model runs. The page's own timer rewrites the
          // elapsed time while the worker computes, which it could not do were the page's thread busy.
          const seen = new Set<string>();
          let status: string | null = null;
          while (status !== "done" && status !== "error") {
            status = await page.locator(".explorer").getAttribute("data-status");
            if (status === "running") seen.add((await page.locator("p.status").textContent()) ?? "");
            await new Promise((r) => setTimeout(r, 50));
          }
          assertEquals(status, "done", messages.join("\n"));
          const running = [...seen].filter((text) => progress.test(text));
          assert(running.length >= 2, `${model}: ${[...seen].join(" | ")}`);
          await page.close();
        }
        for (const model of ["bostrom"]) {
          const { page, messages } = await browser.page();
          await page.goto(`${await explorePage(model)}#steps=400`);
          await updated(page, 1);
          assertEquals(await page.locator("figure[data-chart]").count(), 4, messages.join("\n"));
          await page.close();
        }
      });
    } finally {
      await browser.close();
    }
  },
});

Deno.test("explore refuses what sim would refuse, with exit status 2", async () => {
  // (the last test of this file: it also removes the pages the tests wrote)
  const unknown = await task("explore", ["honey", "--set", "throtle=0.1", "--out", `${dir}/x.html`]);
  assertEquals(unknown.code, 2);
  assert(unknown.stderr.includes("did you mean throttle?"), unknown.stderr);
  const model = await task("explore", ["hony"]);
  assertEquals(model.code, 2);
  assert(model.stderr.includes("did you mean honey?"), model.stderr);
  const scenario = await task("explore", ["honey", "--scenario", "nope"]);
  assertEquals(scenario.code, 2);
  assert(scenario.stderr.includes("reserve-throttle"), scenario.stderr);
  const near = await task("explore", ["honey", "--scenario", "reserve-throtle"]);
  assert(near.stderr.includes("did you mean reserve-throttle?"), near.stderr);
  await Deno.remove(dir, { recursive: true });
});
