import { groupThousands, renderBilingualTable } from './bilingual-table';

describe('renderBilingualTable', () => {
  it('aligns columns by terminal cells, Chinese over English headers, numbers right', () => {
    const text = renderBilingualTable(
      [
        { zh: '项目', en: 'program', align: 'left' },
        { zh: '人数', en: 'persons', align: 'right' },
      ],
      [
        ['托养服务', '89'],
        ['fuel-subsidy', '143'],
      ],
      [['合计 total', '232']],
    );
    const gap = (n: number) => ' '.repeat(n);
    expect(text.split('\n')).toEqual([
      `项目${gap(13)}人数`, // 项目 fills 4 of 12 cells, then the 2-space gap, then 人数 right in 7 cells
      `program${gap(7)}persons`,
      `${'-'.repeat(12)}  ${'-'.repeat(7)}`,
      `托养服务${gap(11)}89`,
      `fuel-subsidy${gap(6)}143`,
      `${'-'.repeat(12)}  ${'-'.repeat(7)}`,
      `合计 total${gap(8)}232`,
    ]);
  });
});

describe('groupThousands', () => {
  it.each([
    ['0.00', '0.00'],
    ['200.00', '200.00'],
    ['74500.00', '74,500.00'],
    ['1660800.00', '1,660,800.00'],
    ['27066', '27,066'],
  ])('%s → %s', (amount, grouped) => expect(groupThousands(amount)).toBe(grouped));
});
