// LogQL syntax highlighting from the parse tree of Grafana's own LogQL grammar
// (@grafana/lezer-logql): every character gets a token kind, runs of the same
// kind become one token.
import { parser } from '@grafana/lezer-logql';

export type TokenKind =
  'keyword' | 'label' | 'string' | 'number' | 'operator' | 'variable' | 'comment' | 'error' | 'plain';

export interface Token {
  kind: TokenKind;
  text: string;
}

export interface Highlighted {
  tokens: Token[];
  /** Offset of the first syntax error, if the query does not parse. */
  errorAt?: number;
}

const OPERATORS = new Set([
  'Eq',
  'Neq',
  'Re',
  'Nre',
  'Pipe',
  'PipeExact',
  'PipeMatch',
  'PipePattern',
  'Npa',
  'Gtr',
  'Gte',
  'Lss',
  'Lte',
  'Eql',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Mod',
  'Pow',
]);

const NUMBERS = new Set(['Number', 'Duration', 'Bytes']);

/** `$name`, `${name}` or `${name:fmt}`, and `[[name]]`: Grafana's variable syntaxes. */
const VARIABLE = /\$\{[^}]*\}|\$\w+|\[\[[^\]]*\]\]/g;

function kindOfLeaf(name: string, text: string): TokenKind {
  if (name === '⚠') {
    return 'error';
  }
  if (name === 'String') {
    return 'string';
  }
  if (name === 'Identifier') {
    return 'label';
  }
  if (name === 'LineComment') {
    return 'comment';
  }
  if (NUMBERS.has(name)) {
    return 'number';
  }
  if (OPERATORS.has(name)) {
    return 'operator';
  }
  // Functions, parsers and modifiers are leaves named after themselves.
  if (/^[a-z_]+$/i.test(text)) {
    return 'keyword';
  }
  return 'plain';
}

/**
 * Replace variables by placeholders of the same length that the grammar
 * accepts: a duration inside `[...]`, a number elsewhere. Inside quotes any
 * text is fine.
 */
function maskVariables(query: string): { masked: string; spans: Array<[number, number]> } {
  const spans: Array<[number, number]> = [];
  const masked = query.replace(VARIABLE, (match, offset: number) => {
    spans.push([offset, offset + match.length]);
    const before = query.slice(0, offset).trimEnd();
    return before.endsWith('[') ? '9'.repeat(match.length - 1) + 's' : '9'.repeat(match.length);
  });
  return { masked, spans };
}

export function highlightLogql(query: string): Highlighted {
  if (query.length === 0) {
    return { tokens: [] };
  }
  const { masked, spans } = maskVariables(query);
  const kinds: TokenKind[] = new Array(query.length).fill('plain');
  let errorAt: number | undefined;
  parser.parse(masked).iterate({
    enter(node) {
      if (node.type.isError) {
        errorAt = errorAt === undefined ? node.from : Math.min(errorAt, node.from);
      }
      if (node.node.firstChild) {
        return;
      }
      const kind = kindOfLeaf(node.type.name, masked.slice(node.from, node.to));
      for (let i = node.from; i < node.to; i++) {
        kinds[i] = kind;
      }
    },
  });
  for (const [from, to] of spans) {
    kinds.fill('variable', from, to);
  }
  const tokens: Token[] = [];
  for (let i = 0; i < query.length; i++) {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kinds[i]) {
      last.text += query[i];
    } else {
      tokens.push({ kind: kinds[i], text: query[i] });
    }
  }
  return { tokens, errorAt };
}

/** True when the text is a stream selector alone, like `{namespace="prod"}`. */
export function isStreamSelector(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) {
    return false;
  }
  return highlightLogql(trimmed).errorAt === undefined;
}
