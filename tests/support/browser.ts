// A small Chrome DevTools Protocol client for headless Chromium, used to check rendered reports in a real
// browser without an npm browser-automation dependency. Talks CDP over Deno's built-in WebSocket.

import { CHROMIUM } from "@lib/system/packages.ts";

/**
 * Headless, no sandbox (tests run as root), and none of Chromium's background services: this machine's
 * closed network refuses their connections, many at a time.
 */
export const HEADLESS_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const STARTUP_TIMEOUT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 30_000;

/** What a CDP message carries; results and event params are left untyped on purpose (small client). */
// deno-lint-ignore no-explicit-any
type Json = any;

interface Pending {
  resolve: (result: Json) => void;
  reject: (error: Error) => void;
}

/** A headless Chromium process with a fresh profile, removed again by close(). */
export class HeadlessChromium implements AsyncDisposable {
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #eventWaiters = new Set<(message: Json) => boolean>();
  #closed = false;

  private constructor(
    private readonly process: Deno.ChildProcess,
    private readonly socket: WebSocket,
    private readonly profileDir: string,
    private readonly stderrDone: Promise<void>,
  ) {
    socket.onmessage = (event) => this.#dispatch(JSON.parse(event.data));
    socket.onclose = () => {
      for (const { reject } of this.#pending.values()) {
        reject(new Error("Chromium closed the DevTools connection"));
      }
      this.#pending.clear();
    };
  }

  static async launch(executable = CHROMIUM): Promise<HeadlessChromium> {
    const profileDir = await Deno.makeTempDir({ prefix: "report-chromium-" });
    const process = new Deno.Command(executable, {
      args: [
        ...HEADLESS_FLAGS,
        `--user-data-dir=${profileDir}`,
        // Port 0 lets Chromium pick a free port; it announces the endpoint on stderr.
        "--remote-debugging-port=0",
        "about:blank",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const { endpoint, stderrDone } = await readEndpoint(process);
    if (!endpoint) {
      await stopProcess(process);
      await stderrDone;
      await Deno.remove(profileDir, { recursive: true });
      throw new Error("Chromium did not announce a DevTools endpoint");
    }
    const socket = new WebSocket(endpoint);
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error(`cannot connect to ${endpoint}`));
    });
    return new HeadlessChromium(process, socket, profileDir, stderrDone);
  }

  /**
   * Opens url in a new tab, waits for its load event, evaluates expression there and closes the tab.
   * `width` sets the viewport's width in CSS pixels, as a phone or a laptop would.
   */
  evaluate<T>(url: string, expression: string, { width }: { width?: number } = {}): Promise<T> {
    return this.#withPage(url, width, async (sessionId) => {
      const { result, exceptionDetails } = await this.#send(
        "Runtime.evaluate",
        { expression, returnByValue: true, awaitPromise: true },
        sessionId,
      );
      if (exceptionDetails) {
        throw new Error(
          `evaluation failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
        );
      }
      return result.value as T;
    });
  }

  /** The whole page at url, `width` CSS pixels wide, as a PNG (cut at `maxHeight` pixels). */
  screenshot(
    url: string,
    { width, maxHeight = 60_000 }: { width: number; maxHeight?: number },
  ): Promise<Uint8Array> {
    return this.#withPage(url, width, async (sessionId) => {
      const { cssContentSize } = await this.#send("Page.getLayoutMetrics", {}, sessionId);
      const height = Math.min(Math.ceil(cssContentSize.height), maxHeight);
      await this.#send("Emulation.setDeviceMetricsOverride", viewport(width, height), sessionId);
      const { data } = await this.#send("Page.captureScreenshot", { format: "png" }, sessionId);
      return Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    });
  }

  async #withPage<T>(
    url: string,
    width: number | undefined,
    use: (sessionId: string) => Promise<T>,
  ): Promise<T> {
    const { targetId } = await this.#send("Target.createTarget", { url: "about:blank" });
    try {
      const { sessionId } = await this.#send("Target.attachToTarget", { targetId, flatten: true });
      await this.#send("Page.enable", {}, sessionId);
      if (width !== undefined) {
        await this.#send("Emulation.setDeviceMetricsOverride", viewport(width, 800), sessionId);
      }
      const loaded = this.#waitForEvent("Page.loadEventFired", sessionId);
      const navigation = await this.#send("Page.navigate", { url }, sessionId);
      if (navigation.errorText) throw new Error(`cannot open ${url}: ${navigation.errorText}`);
      await loaded;
      return await use(sessionId);
    } finally {
      await this.#send("Target.closeTarget", { targetId });
    }
  }

  /** Asks Chromium to quit, kills it if it does not, and removes the profile directory. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#send("Browser.close");
    } catch {
      // Already gone or unresponsive: stopProcess below kills it.
    }
    if (this.socket.readyState !== WebSocket.CLOSED) {
      const socketClosed = new Promise((resolve) => this.socket.addEventListener("close", resolve));
      this.socket.close();
      await socketClosed;
    }
    await stopProcess(this.process);
    await this.stderrDone;
    await Deno.remove(this.profileDir, { recursive: true });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #send(method: string, params: Json = {}, sessionId?: string): Promise<Json> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`CDP ${method} timed out`));
      }, COMMAND_TIMEOUT_MS);
      const settle = <A>(f: (arg: A) => void) => (arg: A) => {
        clearTimeout(timer);
        f(arg);
      };
      this.#pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /** Must be called before the action that triggers the event, so a fast event is not missed. */
  #waitForEvent(method: string, sessionId: string): Promise<Json> {
    return new Promise((resolve, reject) => {
      const waiter = (message: Json) => {
        if (message.method !== method || message.sessionId !== sessionId) return false;
        clearTimeout(timer);
        resolve(message.params);
        return true;
      };
      const timer = setTimeout(() => {
        this.#eventWaiters.delete(waiter);
        reject(new Error(`no ${method} event`));
      }, COMMAND_TIMEOUT_MS);
      this.#eventWaiters.add(waiter);
    });
  }

  #dispatch(message: Json): void {
    if (typeof message.id === "number") {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(new Error(`CDP error: ${message.error.message}`));
      else pending?.resolve(message.result);
      return;
    }
    for (const waiter of this.#eventWaiters) if (waiter(message)) this.#eventWaiters.delete(waiter);
  }
}

function viewport(width: number, height: number): Json {
  return { width, height, deviceScaleFactor: 1, mobile: false };
}

/**
 * Reads Chromium's stderr until the "DevTools listening on ws://..." line. Reading continues in the
 * background afterwards (stderrDone) so a full pipe can never block Chromium.
 */
async function readEndpoint(process: Deno.ChildProcess) {
  const lines = process.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let endpoint: string | undefined;
  const timer = setTimeout(() => process.kill("SIGKILL"), STARTUP_TIMEOUT_MS);
  while (!endpoint) {
    const { value, done } = await lines.read();
    if (done) break;
    buffer += value;
    endpoint = buffer.match(/DevTools listening on (ws:\/\/\S+)/)?.[1];
  }
  clearTimeout(timer);
  const stderrDone = (async () => {
    while (!(await lines.read()).done) { /* discard */ }
  })();
  return { endpoint, stderrDone };
}

async function stopProcess(process: Deno.ChildProcess): Promise<void> {
  const timer = setTimeout(() => process.kill("SIGKILL"), 5_000);
  try {
    await process.status;
  } finally {
    clearTimeout(timer);
  }
}
