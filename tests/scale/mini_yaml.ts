/**
 * Reads the block-style YAML that lib/scale/k8s.ts writes (maps, lists, double-quoted strings, integers,
 * `---` between documents, `#` comment lines), so that tests look at the manifest's structure rather
 * than at its text. Anything outside that subset throws, so a change in the writer shows up.
 */

interface Line {
  readonly indent: number;
  readonly text: string;
  readonly number: number;
}

export function parseYamlStream(text: string): unknown[] {
  const documents: Line[][] = [[]];
  text.split("\n").forEach((raw, i) => {
    if (raw === "---") documents.push([]);
    else if (raw.trim() !== "" && !raw.trimStart().startsWith("#")) {
      documents.at(-1)!.push({
        indent: raw.length - raw.trimStart().length,
        text: raw.trim(),
        number: i + 1,
      });
    }
  });
  return documents.filter((lines) => lines.length > 0).map((lines) => {
    const [value, next] = node(lines, 0, lines[0].indent);
    if (next !== lines.length) throw new Error(`line ${lines[next].number}: unexpected indentation`);
    return value;
  });
}

function node(lines: Line[], at: number, indent: number): [unknown, number] {
  return lines[at].text.startsWith("- ") ? list(lines, at, indent) : map(lines, at, indent);
}

function list(lines: Line[], at: number, indent: number): [unknown[], number] {
  const items: unknown[] = [];
  while (at < lines.length && lines[at].indent === indent && lines[at].text.startsWith("- ")) {
    const rest = lines[at].text.slice(2);
    if (entry(rest) === undefined) {
      items.push(scalar(rest, lines[at].number));
      at++;
    } else {
      // `- key: value` opens a map whose entries sit two columns further in.
      const copy = [...lines];
      copy[at] = { ...lines[at], indent: indent + 2, text: rest };
      const [value, next] = map(copy, at, indent + 2);
      items.push(value);
      at = next;
    }
  }
  return [items, at];
}

function map(lines: Line[], at: number, indent: number): [Record<string, unknown>, number] {
  const result: Record<string, unknown> = {};
  while (at < lines.length && lines[at].indent === indent && !lines[at].text.startsWith("- ")) {
    const found = entry(lines[at].text);
    if (found === undefined) throw new Error(`line ${lines[at].number}: expected key: value`);
    const [key, value] = found;
    if (value !== undefined) {
      result[key] = scalar(value, lines[at].number);
      at++;
    } else {
      if (at + 1 >= lines.length || lines[at + 1].indent <= indent) {
        throw new Error(`line ${lines[at].number}: ${key} has no value`);
      }
      const [child, next] = node(lines, at + 1, lines[at + 1].indent);
      result[key] = child;
      at = next;
    }
  }
  return [result, at];
}

function entry(text: string): [string, string | undefined] | undefined {
  const match = /^([A-Za-z0-9_./-]+):(?: (.+))?$/.exec(text);
  return match ? [match[1], match[2]] : undefined;
}

function scalar(text: string, line: number): unknown {
  if (text.startsWith('"')) return JSON.parse(text);
  if (/^-?\d+$/.test(text)) return Number(text);
  if (text === "[]") return [];
  if (text === "{}") return {};
  throw new Error(`line ${line}: unquoted string ${text}`);
}
