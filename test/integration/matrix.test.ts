import { expect, it } from 'vitest'
import { getMatrix, getMatrixRows } from '~/models/matrix.server'
import { describeEachEngine } from '../support/database'
import { buildSummaryFixture } from './summary-fixture'

// The fixture: Celle, Diepholz (no status rows) and Harburg × seven services.
describeEachEngine(
  'matrix model',
  () => {
    it('sends each service as one string of cells, the same as the whole matrix', async () => {
      const matrix = await getMatrixRows()
      expect(matrix.rows).toEqual([
        ['10001', 'Elterngeld', 'O_o'],
        ['10002', 'Kita-Platz', 'o_x'],
        ['10003', 'Kinderreisepass', 'O_n'],
        ['10004', 'Unterhaltsvorschuss', 'x_L'],
        ['10005', 'Kindertagespflege', 'W_w'],
        ['20001', 'Baugenehmigung', 'n_O'],
        ['20002', 'Wohngeld', 'p_x'],
      ])
      expect(matrix).toMatchObject({ matchingServices: 7, totalServices: 7, page: 1, pages: 1, offset: 0 })
      const whole = await getMatrix()
      expect(whole.services.map((s) => [s.ozgId, s.name, s.cells.join('')])).toEqual(matrix.rows)
    })

    it('splits the services into pages of at most so many cells', async () => {
      // Six cells at three counties: two services a page, four pages.
      const second = await getMatrixRows({ cellsPerPage: 6, page: 2 })
      expect(second.rows.map(([ozgId]) => ozgId)).toEqual(['10003', '10004'])
      expect(second).toMatchObject({ matchingServices: 7, totalServices: 7, page: 2, pages: 4, offset: 2 })
      const beyond = await getMatrixRows({ cellsPerPage: 6, page: 99 })
      expect(beyond.rows).toEqual([['20002', 'Wohngeld', 'p_x']])
      expect(beyond).toMatchObject({ page: 4, pages: 4, offset: 6 })
      // A service is never split, even when it alone has more cells than a page.
      expect((await getMatrixRows({ cellsPerPage: 1 })).rows).toHaveLength(1)
    })

    it('pages the services that pass the filters', async () => {
      const pending = await getMatrixRows({ approach: 'pending', cellsPerPage: 6, page: 2 })
      expect(pending.rows).toEqual([['20002', 'Wohngeld', 'p_x']])
      expect(pending).toMatchObject({ matchingServices: 3, totalServices: 7, page: 2, pages: 2, offset: 2 })
      const bau = await getMatrixRows({ themeId: 2, differing: true, cellsPerPage: 3 })
      expect(bau.rows.map(([ozgId]) => ozgId)).toEqual(['20001'])
      expect(bau).toMatchObject({ matchingServices: 2, totalServices: 2, pages: 2 })
    })
  },
  async (handle) => {
    await buildSummaryFixture(handle)
  },
)
