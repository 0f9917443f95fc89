import listed from './queryModes.json';
import { ASK_MODES, modeInfo, QUERY_MODES } from './modes';

describe('query modes', () => {
  it('are the modes queryModes.json lists, in its order', () => {
    expect(listed.map((m) => m.value)).toEqual([...ASK_MODES]);
  });

  it('each have a label, a description and a group', () => {
    for (const m of QUERY_MODES) {
      expect(m.label.trim()).not.toBe('');
      expect(m.description.trim()).not.toBe('');
      expect(['answer', 'analysis']).toContain(m.group);
    }
  });

  it('default to auto', () => {
    expect(modeInfo(undefined).value).toBe('auto');
    expect(modeInfo('rootcause').label).toBe('Root cause');
  });
});
