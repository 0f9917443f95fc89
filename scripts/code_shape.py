#!/usr/bin/env python3
"""Longest functions and largest files of the Rust sources: the house rules
(issue "A house a newcomer can walk") are no function over 150 lines and no
file over 1,200 outside `ask`, tests and data tables aside.

    scripts/code_shape.py [--top N] [--all]

Function length runs from the `fn` line to its closing brace, found by
counting braces outside strings, chars and comments (good enough for
rustfmt-formatted code)."""
import argparse, pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FN = re.compile(r'^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)')

def strip(line, state):
    """The line without strings, chars and comments; state carries block comments and raw strings."""
    out, i, n = [], 0, len(line)
    while i < n:
        if state['block']:
            j = line.find('*/', i)
            if j < 0: return ''.join(out)
            state['block'] = False; i = j + 2; continue
        if state['raw'] is not None:
            j = line.find('"' + '#' * state['raw'], i)
            if j < 0: return ''.join(out)
            i = j + 1 + state['raw']; state['raw'] = None; continue
        if state['str']:
            if line[i] == '\\': i += 2; continue
            if line[i] == '"': state['str'] = False
            i += 1; continue
        c = line[i]
        if line.startswith('//', i): break
        if line.startswith('/*', i): state['block'] = True; i += 2; continue
        m = re.match(r'b?r(#*)"', line[i:])
        if m and (i == 0 or not (line[i-1].isalnum() or line[i-1] == '_')):
            state['raw'] = len(m.group(1)); i += m.end(); continue
        if c == '"': state['str'] = True; i += 1; continue
        m = re.match(r"b?'(\\.[^']*|[^'\\])'", line[i:])
        if m: i += m.end(); continue
        out.append(c); i += 1
    return ''.join(out)

def functions(path):
    lines = path.read_text(errors='replace').splitlines()
    state = {'block': False, 'raw': None, 'str': False}
    stack, found, depth, in_test = [], [], 0, None
    for no, line in enumerate(lines, 1):
        code = strip(line, state)
        m = FN.match(code)
        if m and '{' in code or (m and not code.rstrip().endswith(';')):
            stack.append((m.group(6), no, depth))
        for ch in code:
            if ch == '{': depth += 1
            elif ch == '}':
                depth -= 1
                if stack and depth == stack[-1][2]:
                    name, start, _ = stack.pop()
                    found.append((no - start + 1, name, start))
        if m and code.rstrip().endswith(';') and stack and stack[-1][1] == no:
            stack.pop()
    return found, len(lines)

def is_test(path):
    p = str(path)
    return '/tests/' in p or p.endswith('tests.rs') or '/benches/' in p or '/fuzz/' in p

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--top', type=int, default=15)
    ap.add_argument('--all', action='store_true', help='include ask and tests')
    a = ap.parse_args()
    fns, files = [], []
    for path in sorted(list(ROOT.glob('src/**/*.rs')) + list(ROOT.glob('crates/*/src/**/*.rs'))):
        rel = path.relative_to(ROOT)
        if not a.all and ('/ask/' in str(rel) or is_test(rel)): continue
        f, n = functions(path)
        files.append((n, str(rel)))
        fns += [(ln, f'{rel}:{start} {name}') for ln, name, start in f]
    print('longest functions:')
    for ln, where in sorted(fns, reverse=True)[:a.top]: print(f'  {ln:5} {where}')
    print('largest files:')
    for n, rel in sorted(files, reverse=True)[:a.top]: print(f'  {n:5} {rel}')
    over = [x for x in fns if x[0] > 150] + [x for x in files if x[0] > 1200]
    print(f'over the limits: {len(over)}')
    return 0

sys.exit(main())
