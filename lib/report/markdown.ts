/** Markdown for reports: GitHub-flavoured, raw HTML allowed by the syntax but always sanitized. */
import { Marked, type Token } from "marked";
import { sanitizeHtml, type SanitizeOptions } from "./sanitize.ts";

const marked = new Marked({ gfm: true, async: false });

export function lex(source: string): Token[] {
  return marked.lexer(source);
}

/** Markdown source, or tokens from `lex`, as sanitized HTML. */
export function renderMarkdown(source: string | Token[], options: SanitizeOptions = {}): string {
  return sanitizeHtml(typeof source === "string" ? unsanitizedHtml(source) : marked.parser(source), options);
}

/** The HTML marked makes of Markdown, raw HTML included: what the sanitizer is given, never a page. */
export function unsanitizedHtml(source: string): string {
  return marked.parse(source, { async: false }) as string;
}

/** Plain text of markdown tokens: inline markup dropped, entities left as typed. */
export function plainText(tokens: Token[]): string {
  return tokens.map((token) => {
    if ("tokens" in token && token.tokens) return plainText(token.tokens);
    return "text" in token && typeof token.text === "string" ? token.text : "";
  }).join("");
}
