import { render, screen } from '@testing-library/react';

import { LogqlPreview } from './LogqlPreview';

describe('LogqlPreview', () => {
  it('shows the query with its parts marked for highlighting', () => {
    render(<LogqlPreview query={'sum(count_over_time({app="sshd"} |= "Failed" [$__range]))'} />);
    const code = screen.getByTestId('askloki-logql');
    expect(code).toHaveTextContent('sum(count_over_time({app="sshd"} |= "Failed" [$__range]))');
    const kinds = Array.from(code.querySelectorAll('span[data-kind]')).map(
      (s) => `${s.getAttribute('data-kind')}:${s.textContent}`
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'keyword:sum',
        'keyword:count_over_time',
        'label:app',
        'string:"sshd"',
        'variable:$__range',
      ])
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says where an invalid query breaks, when asked to', () => {
    render(<LogqlPreview query={'{app="x" |= '} showErrors />);
    expect(screen.getByRole('alert')).toHaveTextContent('Not valid LogQL from column 10');
  });
});
