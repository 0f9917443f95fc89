import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { installGrafana, makeDataSource } from '../test/fakes';
import { VariableQueryEditor } from './VariableQueryEditor';

describe('VariableQueryEditor', () => {
  it('chooses label names or the values of a label', async () => {
    installGrafana({ 'GET labels': ['app', 'host'] });
    const onChange = jest.fn();
    const datasource = makeDataSource();
    const { rerender } = render(
      <VariableQueryEditor
        datasource={datasource}
        query={{ refId: 'v', type: 'labels' }}
        onChange={onChange}
        onRunQuery={jest.fn()}
      />
    );
    await userEvent.click(screen.getByRole('radio', { name: 'Label values' }));
    expect(onChange).toHaveBeenCalledWith({ refId: 'v', type: 'labelValues' });

    rerender(
      <VariableQueryEditor
        datasource={datasource}
        query={{ refId: 'v', type: 'labelValues' }}
        onChange={onChange}
        onRunQuery={jest.fn()}
      />
    );
    await userEvent.click(screen.getByRole('combobox'));
    await userEvent.click(await screen.findByText('host'));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', type: 'labelValues', label: 'host' });
  });
});
