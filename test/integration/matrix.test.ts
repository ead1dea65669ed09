import { eq } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { counties, fachverfahren } from '../../db/schema'
import { getMatrix, getMatrixRows, type MatrixOptions } from '~/models/matrix.server'
import { listStatusesForCounty } from '~/models/status.server'
import { getDb } from '~/utils/db.server'
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

    it('filters by vendor, Fachverfahren and interface status, on the matrix and the county page alike', async () => {
      const db = await getDb()
      const [kitaPro] = await db.select({ id: fachverfahren.id, vendorId: fachverfahren.vendorId }).from(fachverfahren).where(eq(fachverfahren.name, 'KitaPro'))
      const ids = async (interfaceFilter: MatrixOptions['interfaceFilter']) =>
        (await getMatrixRows({ interfaceFilter })).rows.map(([ozgId]) => ozgId)
      expect(await ids({ hersteller: kitaPro.vendorId })).toEqual(['10001', '10005'])
      expect(await ids({ fachverfahren: kitaPro.id, schnittstellenstatus: 'negotiating' })).toEqual(['10005'])
      expect(await ids({ schnittstellenstatus: 'testing' })).toEqual(['20002'])
      // „ohne Angabe“: some member county's row has no interface status.
      expect(await ids({ schnittstellenstatus: 'unset' })).toEqual(['10001', '10002', '10003', '10004', '20001', '20002'])
      const [celle] = await db.select({ id: counties.id }).from(counties).where(eq(counties.ags, '03351'))
      const rows = async (filter: Parameters<typeof listStatusesForCounty>[1]) =>
        (await listStatusesForCounty(celle.id, filter, { by: 'ozg_id', direction: 'asc' }, { page: 1, pageSize: 50 })).rows.map((r) => r.ozgId)
      expect(await rows({ hersteller: kitaPro.vendorId })).toEqual(['10001', '10005'])
      expect(await rows({ fachverfahren: kitaPro.id, schnittstellenstatus: 'live' })).toEqual(['10001'])
      expect(await rows({ schnittstellenstatus: 'unset' })).toEqual(['10002', '10003', '10004', '20001'])
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
