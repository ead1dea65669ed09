// Every page at 390 px (./page-sweep.ts).
import { describePageSweep } from './page-sweep'

describePageSweep(390)
