import { cellWidth, renderTextTable } from './text-table';

describe('renderTextTable', () => {
  it('aligns text left and numbers right, counting a Chinese character as two cells', () => {
    const table = renderTextTable(
      [
        { header: 'township', align: 'left' },
        { header: 'paidAmount', align: 'right' },
      ],
      [
        ['梅山镇', '36000.00'],
        ['Meishan', '4000.00'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'township  paidAmount',
      '--------  ----------',
      '梅山镇      36000.00',
      'Meishan      4000.00',
      '',
    ]);
  });

  it('widens a column to its widest cell, header included', () => {
    expect(cellWidth('实际发放金额')).toBe(12);
    const [header, rule] = renderTextTable([{ header: '实际发放金额', align: 'right' }], [['1.00']]).split(
      '\n',
    );
    expect([header, rule]).toEqual(['实际发放金额', '------------']);
  });
});
